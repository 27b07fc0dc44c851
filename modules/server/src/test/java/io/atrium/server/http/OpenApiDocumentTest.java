package io.atrium.server.http;

import io.atrium.platform.AtriumConfig;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** openapi.yaml describes exactly what the router serves: no route missing, none invented. */
class OpenApiDocumentTest {

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void documentAndRouterAgree() {
    Set<String> routed = new TreeSet<>(ApiRouter.apiRoutes(vertx, AtriumConfig.load()));
    assertThat(documented()).isEqualTo(routed);
  }

  /** Swagger UI groups operations by tag: every operation has exactly one, and every tag used is described. */
  @Test
  @SuppressWarnings("unchecked")
  void everyOperationIsTaggedWithItsContext() {
    Map<String, Object> document = new Yaml().load(new ByteArrayInputStream(OpenApiDocument.read()));
    Set<String> described = new TreeSet<>();
    ((java.util.List<Map<String, Object>>) document.get("tags")).forEach(tag -> described.add((String) tag.get("name")));
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
    paths.forEach((path, item) -> item.forEach((method, operation) -> {
      if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
        java.util.List<String> tags = (java.util.List<String>) ((Map<String, Object>) operation).get("tags");
        assertThat(tags).as(method + " " + path).hasSize(1);
        assertThat(described).as(method + " " + path).contains(tags.get(0));
      }
    }));
  }

  @SuppressWarnings("unchecked")
  private static Set<String> documented() {
    Map<String, Object> document = new Yaml().load(new ByteArrayInputStream(OpenApiDocument.read()));
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
    Set<String> operations = new TreeSet<>();
    paths.forEach((path, item) -> item.keySet().stream()
        .filter(key -> Set.of("get", "put", "post", "delete", "patch").contains(key))
        .forEach(method -> operations.add(method.toUpperCase() + " " + path.replaceAll("\\{([^}]+)}", ":$1"))));
    return operations;
  }
}
