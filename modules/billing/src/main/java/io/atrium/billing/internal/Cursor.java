package io.atrium.billing.internal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** The opaque list cursor (base64url of a JSON array of the last item's sort key) and pages built with it. */
final class Cursor {

  private Cursor() {}

  static List<String> decode(String cursor) {
    String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    if (text.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a cursor of ours"); // U+0000 would only fail later, in SQL
    }
    JsonArray parts = new JsonArray(text);
    return parts.stream().map(String.class::cast).toList();
  }

  /** {@code {items, nextCursor}} from {@code limit + 1} fetched rows: the extra row says there is more. */
  static <T> JsonObject page(List<T> fetched, int limit, Function<T, JsonObject> json, Function<T, List<String>> key) {
    List<T> items = fetched.size() > limit ? fetched.subList(0, limit) : fetched;
    String next = null;
    if (fetched.size() > limit) {
      String encoded = new JsonArray(List.copyOf(key.apply(items.get(items.size() - 1)))).encode();
      next = Base64.getUrlEncoder().withoutPadding().encodeToString(encoded.getBytes(StandardCharsets.UTF_8));
    }
    return new JsonObject().put("items", new JsonArray(items.stream().map(json).toList())).put("nextCursor", next);
  }
}
