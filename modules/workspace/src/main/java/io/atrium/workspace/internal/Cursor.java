package io.atrium.workspace.internal;

import io.vertx.core.json.JsonArray;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** The opaque list cursor: base64url of a JSON array holding the last item's sort key. */
final class Cursor {

  private Cursor() {}

  static String encode(List<String> key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(new JsonArray(List.copyOf(key)).encode().getBytes(StandardCharsets.UTF_8));
  }

  /** The key a cursor holds; any runtime exception means it is not one of ours. */
  static List<String> decode(String cursor) {
    String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    if (text.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a cursor of ours"); // U+0000 would only fail later, in SQL
    }
    JsonArray parts = new JsonArray(text);
    return parts.stream().map(String.class::cast).toList();
  }
}
