package io.atrium.server.testing;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** An HTTP client that acts as a browser in SSO tests: keeps cookies, follows no redirect by itself (tests follow them, one by one). */
public final class RedirectClient {

  private final HttpClient http = HttpClient.newBuilder()
      .cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  public HttpResponse<String> get(String url) {
    return get(url, null);
  }

  /** A GET; {@code accept} null sends what a browser would. */
  public HttpResponse<String> get(String url, String accept) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .header("Accept", accept == null ? "text/html,application/xhtml+xml,*/*;q=0.8" : accept).GET().build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException("GET " + url + " failed", e);
    }
  }

  public static String location(HttpResponse<String> response) {
    return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
        "no Location in " + response.statusCode() + " " + response.body()));
  }
}
