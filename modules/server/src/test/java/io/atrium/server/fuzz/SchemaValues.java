package io.atrium.server.fuzz;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/** Values that fit a JSON schema of openapi.yaml, and the hostile values that don't. */
final class SchemaValues {

  /** Strings a careless server trips on: controls, bidi, invisible, huge, odd numbers, injection shapes. */
  private static final List<String> NASTY = List.of("", " ", "\u0000", "a\u0000b", "\u202Eevil", "\u200B", "\uFEFF", "\uD83D\uDE00",
      "'; DROP TABLE users; --", "../../etc/passwd", "%00", "%", "_", "\\", "\"", "<script>alert(1)</script>", "a,b@x.test",
      "<a@x.test>", "a@x.test>", "${jndi:ldap://127.0.0.1/x}", "null", "true", "-1", "0", "1e309", "NaN", "9".repeat(40),
      "-0.0000001", "1.1234567", "0x10", "2026-13-45T25:61:61Z", "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "tok_visa",
      "owner", "OWNER", "billing", "x".repeat(300), "y".repeat(5000), "\r\nX-Injected: 1", "é".repeat(256), "\uDBFF");

  private final Function<Map<String, Object>, Map<String, Object>> resolve;
  private final List<String> ids;

  SchemaValues(Function<Map<String, Object>, Map<String, Object>> resolve, List<String> ids) {
    this.resolve = resolve;
    this.ids = ids;
  }

  /** A value that fits {@code schema} as far as a schema can say. */
  @SuppressWarnings("unchecked")
  Object valid(Map<String, Object> schema, Random random, int depth) {
    schema = resolve.apply(schema);
    if (schema == null) {
      return "x";
    }
    if (schema.get("enum") instanceof List<?> values) {
      return values.get(random.nextInt(values.size()));
    }
    for (String choice : List.of("oneOf", "anyOf")) {
      if (schema.get(choice) instanceof List<?> options) {
        return valid((Map<String, Object>) options.get(random.nextInt(options.size())), random, depth + 1);
      }
    }
    Object type = schema.get("type");
    if (type instanceof List<?> types) {
      type = types.get(random.nextInt(types.size()));
    }
    if (type == null) {
      type = schema.containsKey("properties") ? "object" : "string";
    }
    return switch (String.valueOf(type)) {
      case "null" -> null;
      case "boolean" -> random.nextBoolean();
      case "integer" -> integer(schema, random);
      case "number" -> random.nextInt(10_000);
      case "array" -> array(schema, random, depth);
      case "object" -> object(schema, random, depth);
      default -> string(schema, random);
    };
  }

  private Object integer(Map<String, Object> schema, Random random) {
    long min = schema.get("minimum") instanceof Number n ? n.longValue() : 0;
    long max = schema.get("maximum") instanceof Number n ? n.longValue() : min + 1000;
    return min + (long) (random.nextDouble() * (max - min + 1));
  }

  @SuppressWarnings("unchecked")
  private JsonArray array(Map<String, Object> schema, Random random, int depth) {
    JsonArray array = new JsonArray();
    int size = depth > 3 ? 0 : random.nextInt(4);
    for (int i = 0; i < size; i++) {
      array.add(valid((Map<String, Object>) schema.getOrDefault("items", Map.of("type", "string")), random, depth + 1));
    }
    return array;
  }

  @SuppressWarnings("unchecked")
  private JsonObject object(Map<String, Object> schema, Random random, int depth) {
    JsonObject object = new JsonObject();
    Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
    List<?> required = (List<?>) schema.getOrDefault("required", List.of());
    properties.forEach((name, property) -> {
      if (required.contains(name) || random.nextBoolean()) {
        object.put(name, depth > 4 ? null : valid((Map<String, Object>) property, random, depth + 1));
      }
    });
    return object;
  }

  private String string(Map<String, Object> schema, Random random) {
    if (schema.get("example") instanceof String example && random.nextBoolean()) {
      return example;
    }
    String format = String.valueOf(schema.get("format"));
    return switch (format) {
      case "uuid" -> id(random);
      case "date-time" -> Instant.now().plus(random.nextInt(80) - 40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
      case "email" -> "fz-" + Integer.toHexString(random.nextInt()) + "@fuzz.example";
      default -> {
        int min = schema.get("minLength") instanceof Number n ? n.intValue() : 1;
        int max = Math.min(schema.get("maxLength") instanceof Number n ? n.intValue() : 40, 60);
        yield random.nextInt(4) == 0 ? decimal(random) : "f".repeat(Math.max(min, 1 + random.nextInt(Math.max(1, max))));
      }
    };
  }

  String id(Random random) {
    return random.nextInt(5) == 0 ? UUID.randomUUID().toString() : ids.get(random.nextInt(ids.size()));
  }

  static String decimal(Random random) {
    return new BigDecimal(BigInteger.valueOf(random.nextInt(1_000_000_000)), random.nextInt(7)).toPlainString();
  }

  /** Something the schema does not allow: wrong type, hostile string, out-of-range number, deep nesting. */
  static Object hostile(Random random) {
    return switch (random.nextInt(9)) {
      case 0 -> NASTY.get(random.nextInt(NASTY.size()));
      case 1 -> NASTY.get(random.nextInt(NASTY.size()));
      case 2 -> random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
      case 3 -> random.nextBoolean() ? 1.5e300 : -0.000001;
      case 4 -> new BigInteger("9".repeat(30 + random.nextInt(50)));
      case 5 -> new JsonArray().add(NASTY.get(random.nextInt(NASTY.size()))).add(random.nextInt());
      case 6 -> nested(1 + random.nextInt(200));
      case 7 -> random.nextBoolean();
      default -> null;
    };
  }

  private static Object nested(int depth) {
    Object value = "deep";
    for (int i = 0; i < depth; i++) {
      value = i % 2 == 0 ? new JsonObject().put("a", value) : new JsonArray().add(value);
    }
    return value;
  }

  /** A text from the hostile list, for parameters and headers (no CR/LF: the HTTP client refuses to send those). */
  static String hostileText(Random random) {
    String text = NASTY.get(random.nextInt(NASTY.size()));
    return text.replace("\r", "").replace("\n", "");
  }
}
