package io.atrium.platform;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Atrium's configuration: the defaults of {@code config/atrium.json}, then an optional file named by
 * {@code ATRIUM_CONFIG}, then environment variables. Every key {@code a.bCd} is overridden by
 * {@code ATRIUM_A_B_CD}: dots become underscores and camel case becomes snake case.
 */
public final class AtriumConfig {

  private final JsonObject values;

  private AtriumConfig(JsonObject values) {
    this.values = values;
  }

  /** Defaults, the optional {@code ATRIUM_CONFIG} file and the process environment. */
  public static AtriumConfig load() {
    return load(System.getenv());
  }

  public static AtriumConfig load(Map<String, String> env) {
    JsonObject merged = readDefaults();
    String file = env.get("ATRIUM_CONFIG");
    if (file != null && !file.isBlank()) {
      try {
        merged.mergeIn(new JsonObject(Files.readString(Path.of(file))), true);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read ATRIUM_CONFIG " + file, e);
      }
    }
    applyEnvironment(merged, "", env);
    return new AtriumConfig(merged);
  }

  /** A copy with some keys replaced, for tests and the dev launcher ({@code "pg.url"} style keys). */
  public AtriumConfig with(Map<String, Object> overrides) {
    JsonObject copy = values.copy();
    overrides.forEach((key, value) -> put(copy, key, value));
    return new AtriumConfig(copy);
  }

  public String string(String key) {
    Object value = lookup(key);
    return value == null ? null : value.toString();
  }

  public int integer(String key) {
    Object value = lookup(key);
    if (value instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("config key " + key + " (" + envName(key) + ") must be an integer, was " + value);
    }
  }

  /** One of an enum's constants, named in any case ({@code idle} for {@code IDLE}). */
  public <E extends Enum<E>> E choice(String key, Class<E> type) {
    String value = String.valueOf(lookup(key)).trim();
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
    }
    String names = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
    throw new IllegalStateException("config key " + key + " (" + envName(key) + ") must be one of " + names
        + ", was " + value);
  }

  /** A comma-separated list; blank entries dropped. */
  public List<String> list(String key) {
    String value = string(key);
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public JsonObject json(String key) {
    Object value = lookup(key);
    return value instanceof JsonObject o ? o.copy() : new JsonObject();
  }

  /** Reads a JSON document shipped in {@code config/}, such as the price catalogue or the topology. */
  public static JsonObject resource(String name) {
    try (InputStream in = AtriumConfig.class.getResourceAsStream("/config/" + name)) {
      if (in == null) {
        throw new IllegalStateException("config/" + name + " is missing from the classpath");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The environment variable that overrides a key. */
  public static String envName(String key) {
    return "ATRIUM_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase();
  }

  private Object lookup(String key) {
    Object current = values;
    for (String part : key.split("\\.")) {
      if (!(current instanceof JsonObject object)) {
        return null;
      }
      current = object.getValue(part);
    }
    return current;
  }

  private static JsonObject readDefaults() {
    return resource("atrium.json");
  }

  private static void applyEnvironment(JsonObject node, String prefix, Map<String, String> env) {
    for (String field : node.fieldNames()) {
      String key = prefix.isEmpty() ? field : prefix + "." + field;
      Object value = node.getValue(field);
      if (value instanceof JsonObject child) {
        applyEnvironment(child, key, env);
      } else {
        String override = env.get(envName(key));
        if (override != null) {
          node.put(field, override);
        }
      }
    }
  }

  private static void put(JsonObject root, String key, Object value) {
    String[] parts = key.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject child = node.getJsonObject(parts[i]);
      if (child == null) {
        child = new JsonObject();
        node.put(parts[i], child);
      }
      node = child;
    }
    node.put(parts[parts.length - 1], value);
  }
}
