package io.atrium.server.testing;

import io.vertx.core.json.JsonObject;

import java.net.http.HttpRequest;
import java.time.Duration;

/** One HTTP request to the test API, built fluently. */
public final class Request {

  private final TestApi api;
  private final HttpRequest.Builder builder;
  private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
  private final String method;

  Request(TestApi api, String method, String path) {
    this.api = api;
    this.method = method;
    this.builder = HttpRequest.newBuilder(api.base().resolve(path)).timeout(Duration.ofSeconds(20));
  }

  public Request token(String token) {
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return this;
  }

  public Request header(String name, String value) {
    builder.header(name, value);
    return this;
  }

  public Request json(JsonObject json) {
    return raw(json == null ? null : json.encode());
  }

  /** Any text as the body, sent as application/json: for malformed-input tests. */
  public Request raw(String text) {
    if (text != null) {
      builder.header("Content-Type", "application/json");
      body = HttpRequest.BodyPublishers.ofString(text);
    }
    return this;
  }

  public Reply send() {
    return new Reply(api.send(builder.method(method, body).build()));
  }
}
