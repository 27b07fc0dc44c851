package io.atrium.identity.internal;

import io.atrium.platform.Times;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/** The opaque list cursor: base64url of the last item's {@code createdAt|id}. */
final class PageCursor {

  private PageCursor() {}

  static String encode(Tokens.PageKey key) {
    String text = key.createdAt() + "|" + key.id();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The key a cursor names, or null when it is not one of ours. */
  static Tokens.PageKey decode(Object cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode((String) cursor), StandardCharsets.UTF_8);
      String[] parts = text.split("\\|", -1);
      if (parts.length == 2 && parts[1].length() == 36) {
        return new Tokens.PageKey(Times.parse(parts[0]), UUID.fromString(parts[1]));
      }
    } catch (ClassCastException | IllegalArgumentException | DateTimeParseException e) {
      // not one of ours
    }
    return null;
  }
}
