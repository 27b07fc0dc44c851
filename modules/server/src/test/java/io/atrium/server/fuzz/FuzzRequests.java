package io.atrium.server.fuzz;

import io.atrium.server.fuzz.OpenApiOperations.Operation;
import io.atrium.server.fuzz.OpenApiOperations.Parameter;
import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Builds one request for an operation of openapi.yaml: from its schema, then (most of the time) broken somewhere. */
final class FuzzRequests {

  /** One request as sent; {@code toString} is what a failure report shows to replay it by hand. */
  record FuzzRequest(String method, String target, Map<String, String> headers, byte[] body, String operation) {

    @Override
    public String toString() {
      String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      return operation + " as " + method + " " + abbreviate(target) + " headers " + headers.keySet() + " body " + abbreviate(text);
    }

    private static String abbreviate(String text) {
      return text.length() <= 300 ? text : text.substring(0, 300) + "...(" + text.length() + " chars)";
    }
  }

  private final List<Operation> operations;
  private final SchemaValues values;
  private final List<String> tokens;

  FuzzRequests(List<Operation> operations, SchemaValues values, List<String> tokens) {
    this.operations = operations;
    this.values = values;
    this.tokens = tokens;
  }

  FuzzRequest next(Random random) {
    Operation operation = operations.get(random.nextInt(operations.size()));
    Map<String, String> headers = new LinkedHashMap<>();
    String path = "/api/v1" + operation.path();
    List<String> query = new ArrayList<>();
    for (Parameter parameter : operation.parameters()) {
      boolean broken = random.nextInt(6) == 0;
      switch (parameter.in()) {
        case "path" -> path = path.replace("{" + parameter.name() + "}",
            encode(broken ? SchemaValues.hostileText(random) : pathValue(parameter, random)));
        case "query" -> {
          if (random.nextBoolean()) {
            query.add(parameter.name() + "=" + encode(broken ? SchemaValues.hostileText(random)
                : String.valueOf(values.valid(parameter.schema(), random, 0))));
          }
        }
        case "header" -> {
          int choice = random.nextInt(6);
          if (choice < 4) {
            headers.put(parameter.name(), UUID.randomUUID().toString());
          } else if (choice == 4) {
            headers.put(parameter.name(), printable(SchemaValues.hostileText(random)));
          }
        }
        default -> { }
      }
    }
    if (random.nextInt(10) == 0) {
      query.add(encode(SchemaValues.hostileText(random)) + "=" + encode(SchemaValues.hostileText(random)));
    }
    String target = query.isEmpty() ? path : path + "?" + String.join("&", query);
    authorization(operation, random, headers);
    byte[] body = body(operation, random, headers);
    extraHeaders(random, headers);
    return new FuzzRequest(operation.method().toUpperCase(), target, headers, body, operation.toString());
  }

  private String pathValue(Parameter parameter, Random random) {
    return "uuid".equals(parameter.schema().get("format")) || parameter.name().endsWith("Id") ? values.id(random)
        : String.valueOf(values.valid(parameter.schema(), random, 0));
  }

  private void authorization(Operation operation, Random random, Map<String, String> headers) {
    int choice = random.nextInt(10);
    if (choice < (operation.secured() ? 7 : 3)) {
      headers.put("Authorization", "Bearer " + tokens.get(random.nextInt(tokens.size())));
    } else if (choice < 9) {
      headers.put("Authorization", printable(switch (random.nextInt(4)) {
        case 0 -> "Bearer " + SchemaValues.hostileText(random);
        case 1 -> "Basic dXNlcjpwYXNz";
        case 2 -> "Bearer";
        default -> "Bearer " + "a".repeat(2000);
      }));
    }
  }

  private byte[] body(Operation operation, Random random, Map<String, String> headers) {
    if (operation.body() == null && random.nextInt(8) != 0) {
      return null;
    }
    Object value = operation.body() == null ? new JsonObject() : values.valid(operation.body(), random, 0);
    headers.put("Content-Type", random.nextInt(12) == 0 ? contentTypeVariant(random) : "application/json");
    if (random.nextInt(10) < 4) {
      return utf8(value == null ? "null" : value instanceof JsonObject object ? object.encode() : String.valueOf(value));
    }
    JsonObject object = value instanceof JsonObject o ? o : new JsonObject();
    List<String> fields = new ArrayList<>(object.fieldNames());
    String field = fields.isEmpty() ? "extra" : fields.get(random.nextInt(fields.size()));
    return switch (random.nextInt(10)) {
      case 0 -> utf8(object.copy().put(field, SchemaValues.hostile(random)).encode());
      case 1 -> utf8(object.copy().put(field, SchemaValues.hostile(random)).encode());
      case 2 -> {
        JsonObject without = object.copy();
        without.remove(field);
        yield utf8(without.encode());
      }
      case 3 -> utf8(object.copy().put(SchemaValues.hostileText(random), SchemaValues.hostile(random)).encode());
      case 4 -> utf8(new io.vertx.core.json.JsonArray().add(object).encode());
      case 5 -> utf8(object.encode().substring(0, Math.max(1, random.nextInt(object.encode().length()))));
      case 6 -> utf8("{\"" + field + "\": 1, \"" + field + "\": 2 /* twice */}");
      case 7 -> invalidUtf8(object.encode(), random);
      case 8 -> random.nextBoolean() ? new byte[0] : utf8(SchemaValues.hostileText(random));
      default -> utf8(String.valueOf(SchemaValues.hostile(random)));
    };
  }

  private static String contentTypeVariant(Random random) {
    return List.of("text/plain", "application/json; charset=iso-8859-1", "application/x-www-form-urlencoded", "application/xml",
        "application/json, text/html", "*/*", "application/problem+json").get(random.nextInt(7));
  }

  private static void extraHeaders(Random random, Map<String, String> headers) {
    if (random.nextInt(6) == 0) {
      headers.put(List.of("X-Request-Id", "X-Forwarded-For", "Cookie", "Accept", "Origin", "Accept-Encoding").get(random.nextInt(6)),
          printable(SchemaValues.hostileText(random)));
    }
    if (random.nextInt(10) == 0) {
      headers.put("Accept", random.nextBoolean() ? "application/json" : "text/html");
    }
  }

  private static byte[] invalidUtf8(String json, Random random) {
    byte[] bytes = utf8(json);
    if (bytes.length > 2) {
      bytes[1 + random.nextInt(bytes.length - 2)] = (byte) (0x80 + random.nextInt(0x7f));
    }
    return bytes;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Header values the HTTP client agrees to send: printable ASCII (raw bytes are {@code HostileInputIT}'s job). */
  private static String printable(String text) {
    String kept = text.chars().filter(c -> c >= 0x20 && c < 0x7f).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString().trim();
    return kept.isEmpty() ? "x" : kept.length() > 4000 ? kept.substring(0, 4000) : kept;
  }
}
