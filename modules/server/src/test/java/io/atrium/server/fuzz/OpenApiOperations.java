package io.atrium.server.fuzz;

import io.atrium.server.http.OpenApiDocument;
import org.yaml.snakeyaml.Yaml;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every operation of openapi.yaml, with its parameters and request body schema ({@code $ref}s resolved on use). */
final class OpenApiOperations {

  record Parameter(String name, String in, Map<String, Object> schema, boolean required) {}

  record Operation(String method, String path, List<Parameter> parameters, Map<String, Object> body, boolean secured) {

    @Override
    public String toString() {
      return method.toUpperCase() + " " + path;
    }
  }

  private final Map<String, Object> document;

  @SuppressWarnings("unchecked")
  OpenApiOperations() {
    this.document = new Yaml().load(new ByteArrayInputStream(OpenApiDocument.read()));
  }

  @SuppressWarnings("unchecked")
  List<Operation> all() {
    List<Operation> operations = new ArrayList<>();
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
    boolean securedByDefault = document.get("security") != null;
    paths.forEach((path, item) -> {
      List<Object> shared = (List<Object>) item.getOrDefault("parameters", List.of());
      item.forEach((method, value) -> {
        if (!Set.of("get", "put", "post", "delete", "patch").contains(method)) {
          return;
        }
        Map<String, Object> operation = (Map<String, Object>) value;
        List<Parameter> parameters = new ArrayList<>();
        for (Object raw : concat(shared, (List<Object>) operation.getOrDefault("parameters", List.of()))) {
          Map<String, Object> parameter = resolve((Map<String, Object>) raw);
          parameters.add(new Parameter((String) parameter.get("name"), (String) parameter.get("in"),
              resolve((Map<String, Object>) parameter.getOrDefault("schema", Map.of("type", "string"))),
              Boolean.TRUE.equals(parameter.get("required"))));
        }
        Map<String, Object> body = null;
        if (operation.get("requestBody") instanceof Map<?, ?> requestBody) {
          Map<String, Object> content = (Map<String, Object>) resolve((Map<String, Object>) requestBody).get("content");
          if (content != null && content.get("application/json") instanceof Map<?, ?> json) {
            body = resolve((Map<String, Object>) json.get("schema"));
          }
        }
        List<?> security = (List<?>) operation.get("security");
        boolean secured = security == null ? securedByDefault : !security.isEmpty();
        operations.add(new Operation(method, path, parameters, body, secured));
      });
    });
    return operations;
  }

  /** A {@code $ref} (one level; call again on nested schemas) or the map itself. */
  @SuppressWarnings("unchecked")
  Map<String, Object> resolve(Map<String, Object> node) {
    if (node == null || !(node.get("$ref") instanceof String ref)) {
      return node;
    }
    Object target = document;
    for (String part : ref.substring(2).split("/")) {
      target = ((Map<String, Object>) target).get(part);
    }
    return resolve((Map<String, Object>) target);
  }

  private static List<Object> concat(List<Object> a, List<Object> b) {
    List<Object> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
