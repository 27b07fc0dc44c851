package io.atrium.webhooks.internal;

import io.atrium.platform.PageCursor;
import io.atrium.platform.Times;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A page cursor's key: the last row's creation time and id. Parsed inside the cursor check, so a bad one is a field error. */
record Position(Instant createdAt, UUID id) {

  static Position of(List<String> parts) {
    List<String> key = PageCursor.sized(parts, 2);
    return new Position(Times.parse(key.get(0)), UUID.fromString(key.get(1)));
  }
}
