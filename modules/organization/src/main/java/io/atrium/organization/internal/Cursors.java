package io.atrium.organization.internal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** Opaque keyset cursors (base64url of the last item's sort key) and the {@code {items, nextCursor}} page. */
final class Cursors {

  private Cursors() {}

  static String encode(Object... key) {
    JsonArray parts = new JsonArray();
    for (Object part : key) {
      parts.add(String.valueOf(part));
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(parts.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** The key's parts; throws when the text is not one of our cursors. */
  static List<String> decode(Object cursor) {
    String text = new String(Base64.getUrlDecoder().decode((String) cursor), StandardCharsets.UTF_8);
    if (text.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a cursor of ours"); // U+0000 would only fail later, in SQL
    }
    return new JsonArray(text).stream().map(String.class::cast).toList();
  }

  /** A page from up to {@code limit + 1} rows: the extra row only says that more follow. */
  static <T> JsonObject page(List<T> rows, int limit, Function<T, JsonObject> json, Function<T, String> cursorOf) {
    List<T> items = rows.size() > limit ? rows.subList(0, limit) : rows;
    String next = rows.size() > limit ? cursorOf.apply(items.get(items.size() - 1)) : null;
    return new JsonObject().put("items", new JsonArray(items.stream().map(json).toList())).put("nextCursor", next);
  }

  /** Checks a decoded key has the expected number of parts. */
  static List<String> sized(List<String> parts, int size) {
    if (parts.size() != size) {
      throw new IllegalArgumentException("cursor of " + parts.size() + " parts");
    }
    return parts;
  }
}
