package io.atrium.workspace.internal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.function.Function;

/** Turns {@code limit + 1} fetched rows into {@code {items, nextCursor}}: the extra row says there is more. */
final class Page {

  private Page() {}

  static <T> JsonObject of(List<T> fetched, int limit, Function<T, JsonObject> json, Function<T, List<String>> key) {
    List<T> items = fetched.size() > limit ? fetched.subList(0, limit) : fetched;
    String next = fetched.size() > limit ? Cursor.encode(key.apply(items.get(items.size() - 1))) : null;
    return new JsonObject().put("items", new JsonArray(items.stream().map(json).toList())).put("nextCursor", next);
  }
}
