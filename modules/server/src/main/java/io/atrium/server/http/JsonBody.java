package io.atrium.server.http;

import io.atrium.platform.Rejection;
import io.atrium.platform.Rejection.FieldError;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a request's JSON object and checks the type of each field a route takes. Content rules (lengths,
 * formats) belong to the contexts; this only guarantees they receive the shape they expect. Collect the
 * fields, then {@link #valid()} fails with every field error at once.
 */
public final class JsonBody {

  private final JsonObject json;
  private final JsonObject accepted = new JsonObject();
  private final List<FieldError> errors = new ArrayList<>();

  /** Plain RFC 8259 JSON: Vert.x's own parser takes comments, which no client of a JSON API should send. */
  private static final JsonFactory STRICT = JsonFactory.builder()
      .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS).disable(JsonReadFeature.ALLOW_YAML_COMMENTS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private JsonBody(JsonObject json) {
    this.json = json;
  }

  /** The body as a JSON object, or a {@code validation_failed} rejection on {@code body}. */
  public static JsonBody of(RoutingContext ctx) {
    String text = ctx.body() == null || ctx.body().buffer() == null ? null : strictUtf8(ctx.body().buffer().getBytes());
    if (text == null || text.isBlank()) {
      throw Rejection.invalid("body", "is required: send a JSON object").failure();
    }
    Object parsed;
    try (JsonParser parser = STRICT.createParser(text)) {
      parsed = JacksonCodec.fromParser(parser, Object.class);
    } catch (DecodeException | java.io.IOException e) {
      throw Rejection.invalid("body", "is not valid JSON (RFC 8259: no comments, no repeated member names)").failure();
    }
    if (parsed instanceof java.util.Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      java.util.Map<String, Object> members = (java.util.Map<String, Object>) map;
      parsed = new JsonObject(members);
    }
    if (!(parsed instanceof JsonObject object)) {
      throw Rejection.invalid("body", "must be a JSON object").failure();
    }
    // Only an escaped \u0000 can put U+0000 in a parsed string (the strict parser refuses a raw one): walk the whole
    // body for its path only then, not on every request of 1,000 usage events.
    String withNul = text.contains("\\u0000") ? fieldWithNul(object, "") : null;
    if (withNul != null) {
      // PostgreSQL text can't hold U+0000: refuse it here, naming the field, rather than fail in SQL.
      throw Rejection.invalid(withNul, "must not contain the character U+0000").failure();
    }
    return new JsonBody(object);
  }

  /** The body as text; bytes that are not UTF-8 are a refusal, never a silent U+FFFD. */
  private static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw Rejection.invalid("body", "is not valid UTF-8").failure();
    }
  }

  /** The path ({@code events[3].id}) of the first string, or object key, holding U+0000; null when none does. */
  private static String fieldWithNul(Object value, String path) {
    if (value instanceof String text) {
      return text.indexOf('\0') >= 0 ? path : null;
    }
    if (value instanceof JsonObject object) {
      for (String key : object.fieldNames()) {
        String found = key.indexOf('\0') >= 0 ? path + key : fieldWithNul(object.getValue(key), path.isEmpty() ? key : path + "." + key);
        if (found != null) {
          return found.isEmpty() ? "body" : found;
        }
      }
    } else if (value instanceof io.vertx.core.json.JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        String found = fieldWithNul(array.getValue(i), path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  public JsonBody requiredString(String field) {
    if (json.getValue(field) == null) {
      errors.add(new FieldError(field, "is required"));
      return this;
    }
    return optionalString(field);
  }

  /** An absent field stays absent; an explicit {@code null} is passed on as null. */
  public JsonBody optionalString(String field) {
    if (!json.containsKey(field)) {
      return this;
    }
    Object value = json.getValue(field);
    if (value != null && !(value instanceof String)) {
      errors.add(new FieldError(field, "must be a string"));
    } else {
      accepted.put(field, value);
    }
    return this;
  }

  /** An absent field stays absent; otherwise it must be true or false. */
  public JsonBody optionalBoolean(String field) {
    Object value = json.getValue(field);
    if (value != null && !(value instanceof Boolean)) {
      errors.add(new FieldError(field, "must be true or false"));
    } else if (json.containsKey(field)) {
      accepted.put(field, value);
    }
    return this;
  }

  /** An absent field stays absent; {@code null} is passed on as null; otherwise a whole number (its range is the context's). */
  public JsonBody optionalInteger(String field) {
    Object value = json.getValue(field);
    if (value != null && !(value instanceof Integer || value instanceof Long)) {
      errors.add(new FieldError(field, "must be a whole number"));
    } else if (json.containsKey(field)) {
      accepted.put(field, value);
    }
    return this;
  }

  /** A JSON array, passed on as it is: its entries are the context's to check. */
  public JsonBody requiredArray(String field) {
    if (json.getValue(field) instanceof JsonArray array) {
      accepted.put(field, array);
    } else {
      errors.add(new FieldError(field, json.getValue(field) == null ? "is required" : "must be an array"));
    }
    return this;
  }

  /** An absent field stays absent; {@code null} is passed on as null; an array as it is (its entries are the context's). */
  public JsonBody optionalArray(String field) {
    Object value = json.getValue(field);
    if (value != null && !(value instanceof JsonArray)) {
      errors.add(new FieldError(field, "must be an array or null"));
    } else if (json.containsKey(field)) {
      accepted.put(field, value);
    }
    return this;
  }

  /** An absent field stays absent; {@code null} is passed on as null. */
  public JsonBody optionalObject(String field) {
    Object value = json.getValue(field);
    if (value != null && !(value instanceof JsonObject)) {
      errors.add(new FieldError(field, "must be an object or null"));
    } else if (json.containsKey(field)) {
      accepted.put(field, value);
    }
    return this;
  }

  /** The checked fields (only those), or a {@code validation_failed} rejection naming every bad field. */
  public JsonObject valid() {
    if (!errors.isEmpty()) {
      throw Rejection.invalid(errors).failure();
    }
    return accepted.copy();
  }
}
