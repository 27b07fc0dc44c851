package io.atrium.server.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The web console: a few HTML pages, the static files under {@code /console/} (classpath {@code console/}),
 * and the WebJars they load under versionless paths ({@code /webjars/uplot/...}), so pages name no version.
 * It talks to nothing but the public API.
 */
public final class Console {

  /** The WebJars the console loads: path name, then Maven group of the jar. */
  private static final String[][] WEBJARS = {{"uplot", "org.webjars.npm"}, {"swagger-ui", "org.webjars"}};

  /** The pages and WebJars are our own or pinned; inline scripts never run, frames never embed us. */
  private static final String CSP = "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; "
      + "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private Console() {}

  public static void mount(Router root) {
    root.get("/").handler(ctx -> page(ctx, "index.html"));
    // Browsers ask for /favicon.ico whatever the page links.
    root.get("/favicon.ico").handler(ctx -> ctx.response().putHeader("Content-Type", "image/svg+xml")
        .putHeader("Cache-Control", "max-age=86400").sendFile("console/favicon.svg").onFailure(ctx::fail));
    // The link in invitation mail; the console reads the token from the query.
    root.get("/invitations/accept").handler(ctx -> page(ctx, "index.html"));
    // The links in verification and password reset mail; the console reads the token from the query.
    root.get("/verify-email").handler(ctx -> page(ctx, "index.html"));
    root.get("/reset-password").handler(ctx -> page(ctx, "index.html"));
    root.get("/api/docs").handler(ctx -> page(ctx, "api-docs.html"));
    root.get("/console/*").handler(Console::secured).handler(StaticHandler.create("console").setCachingEnabled(false));
    for (String[] webjar : WEBJARS) {
      String name = webjar[0];
      root.get("/webjars/" + name + "/*")
          .handler(StaticHandler.create("META-INF/resources/webjars/" + name + "/" + version(webjar[1], name)).setMaxAgeSeconds(86_400));
    }
  }

  private static void page(RoutingContext ctx, String file) {
    secure(ctx);
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-cache")
        .sendFile("console/" + file).onFailure(ctx::fail);
  }

  private static void secured(RoutingContext ctx) {
    secure(ctx);
    ctx.next();
  }

  private static void secure(RoutingContext ctx) {
    ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer");
  }

  /** The version of a WebJar on the class path, from the pom.properties every WebJar carries. */
  static String version(String group, String name) {
    String file = "META-INF/maven/" + group + "/" + name + "/pom.properties";
    try (InputStream in = Console.class.getClassLoader().getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("WebJar " + group + ":" + name + " is not on the class path");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
