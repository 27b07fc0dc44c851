package io.atrium.server.testing;

import io.vertx.core.json.JsonObject;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** An HTTP response with assertions that print the body when they fail. */
public record Reply(HttpResponse<String> response) {

  public int status() {
    return response.statusCode();
  }

  public String body() {
    return response.body();
  }

  public JsonObject json() {
    return new JsonObject(response.body());
  }

  public String header(String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  public Reply expect(int status) {
    assertThat(status()).as("%s %s answered %s", response.request().method(), response.request().uri(), body()).isEqualTo(status);
    return this;
  }

  /** Expects a problem+json answer with this status and code. */
  public JsonObject expectProblem(int status, String code) {
    expect(status);
    assertThat(header("Content-Type")).startsWith("application/problem+json");
    JsonObject problem = json();
    assertThat(problem.getString("code")).as(body()).isEqualTo(code);
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("detail")).isNotBlank();
    return problem;
  }

  /** Expects {@code 400 validation_failed} naming this field. */
  public void expectInvalid(String field) {
    JsonObject problem = expectProblem(400, "validation_failed");
    assertThat(problem.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
        .as(body()).contains(field);
  }
}
