package io.atrium.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves {@code openapi.yaml}, the document that describes what this API serves. */
public final class OpenApiDocument {

  public static final String RESOURCE = "/openapi.yaml";
  private static final Buffer DOCUMENT = Buffer.buffer(read());

  private OpenApiDocument() {}

  static void serve(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(DOCUMENT);
  }

  public static byte[] read() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
