package io.atrium.platform;

import io.atrium.platform.Rejection.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The opaque list cursor of every context: unpadded base64url of a JSON array of strings, the last item's
 * sort key. A malformed one is a field error naming {@value #FIELD}, never a server error.
 */
public record PageCursor(List<String> key) {

  public static final String FIELD = "cursor";
  public static final String MALFORMED = "is not a valid cursor";

  public PageCursor {
    key = List.copyOf(key);
  }

  /** A cursor of these parts, each as its {@link String#valueOf}. */
  public static PageCursor of(Object... parts) {
    return new PageCursor(java.util.Arrays.stream(parts).map(String::valueOf).toList());
  }

  public String encode() {
    byte[] json = new JsonArray(key).encode().getBytes(StandardCharsets.UTF_8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
  }

  /** The cursor {@code text} holds; throws a runtime exception when it is not one of ours. */
  public static PageCursor decode(Object text) {
    String json = new String(Base64.getUrlDecoder().decode((String) text), StandardCharsets.UTF_8);
    List<String> parts = new JsonArray(json).stream().map(String.class::cast).toList();
    // Checked once parsed: JSON's escape \u0000 becomes U+0000 only then, and would fail later, in SQL (a 500).
    if (parts.stream().anyMatch(part -> part.indexOf('\0') >= 0)) {
      throw new IllegalArgumentException("not a cursor of ours");
    }
    return new PageCursor(parts);
  }

  /** The key's parts when there are exactly {@code size}; throws otherwise. */
  public static List<String> sized(List<String> parts, int size) {
    if (parts.size() != size) {
      throw new IllegalArgumentException("cursor of " + parts.size() + " parts");
    }
    return parts;
  }

  /** What {@code key} makes of a cursor; empty when it is not one of ours ({@code key} threw or answered null). */
  public static <K> Optional<K> parse(Object text, Function<List<String>, K> key) {
    try {
      return Optional.ofNullable(key.apply(decode(text).key()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** A request's {@value #FIELD} as {@code key} reads it: null when absent or malformed (then reported to {@code errors}). */
  public static <K> K read(JsonObject request, Function<List<String>, K> key, Consumer<FieldError> errors) {
    Object text = request.getValue(FIELD);
    if (text == null) {
      return null;
    }
    Optional<K> parsed = parse(text, key);
    if (parsed.isEmpty()) {
      errors.accept(new FieldError(FIELD, MALFORMED));
    }
    return parsed.orElse(null);
  }

  /** {@code {items, nextCursor}} from up to {@code limit + 1} fetched rows: the extra row only says that more follow. */
  public static <T> JsonObject page(List<T> fetched, int limit, Function<T, JsonObject> json, Function<T, PageCursor> cursorOf) {
    List<T> items = fetched.size() > limit ? fetched.subList(0, limit) : fetched;
    String next = fetched.size() > limit ? cursorOf.apply(items.get(items.size() - 1)).encode() : null;
    return new JsonObject().put("items", new JsonArray(items.stream().map(json).toList())).put("nextCursor", next);
  }
}
