package io.atrium.organization.internal;

import io.atrium.platform.PublicAddresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2Options;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * OpenID Connect discovery that can't be turned against private networks: the issuer's host must be public before
 * its discovery document is fetched, and so must every endpoint the document announces before any of them is used
 * (Vert.x's own discovery fetches {@code jwks_uri} at once, so it is not used). All checks go through
 * {@link PublicAddresses}; refusals are {@code validation_failed} on {@code issuer}.
 */
final class Discovery {

  static final List<String> ANNOUNCED = List.of("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint",
      "introspection_endpoint", "revocation_endpoint", "end_session_endpoint");
  private static final String WELL_KNOWN = "/.well-known/openid-configuration";
  private static final int MAX_DOCUMENT_BYTES = 256 * 1024;
  /** The most a whole discovery may take: a provider that drips its answer must not hold a request (or a login). */
  static final Duration DEADLINE = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final PublicAddresses issuerAddresses;
  private final PublicAddresses addresses;
  private final Duration deadline;

  Discovery(Vertx vertx, PublicAddresses addresses) {
    this(vertx, addresses, addresses, DEADLINE);
  }

  /** With the issuer's host checked apart from the announced endpoints (tests serve issuers on this machine). */
  Discovery(Vertx vertx, PublicAddresses issuerAddresses, PublicAddresses addresses, Duration deadline) {
    this.vertx = vertx;
    this.issuerAddresses = issuerAddresses;
    this.addresses = addresses;
    this.deadline = deadline;
  }

  /** The provider of {@code options.getSite()} (the issuer), with the endpoints and keys it announces. */
  Future<OAuth2Auth> discover(OAuth2Options options) {
    String issuer = options.getSite();
    return withinDeadline(issuerAddresses.require("issuer", "the issuer", issuer)
        .compose(v -> fetch(options, issuer + WELL_KNOWN))
        .compose(document -> announcedArePublic(document).map(document))
        .compose(document -> provider(options, document)), "discovery");
  }

  /** Every endpoint the document announces must be https (unless local issuers are allowed) on a public host. */
  Future<Void> announcedArePublic(JsonObject document) {
    List<Future<Void>> checks = new ArrayList<>();
    for (String endpoint : ANNOUNCED) {
      Object url = document.getValue(endpoint);
      if (url == null) {
        continue;
      }
      if (!(url instanceof String text) || !(text.startsWith("https://") || addresses.allowsLocal() && text.startsWith("http://"))) {
        checks.add(Future.failedFuture(io.atrium.platform.Rejection.invalid("issuer",
            "the discovery document's " + endpoint + " must be an https URL").failure()));
      } else {
        checks.add(addresses.require("issuer", "the discovery document's " + endpoint, text));
      }
    }
    return Future.all(checks).mapEmpty();
  }

  private Future<JsonObject> fetch(OAuth2Options options, String url) {
    HttpClient client = vertx.createHttpClient(options.getHttpClientOptions());
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url).putHeader("Accept", "application/json")
        .setFollowRedirects(false);
    return withinDeadline(client.request(request)
        .compose(sent -> sent.send())
        .compose(response -> {
          if (response.statusCode() != 200) {
            return Future.failedFuture("discovery answered HTTP " + response.statusCode());
          }
          Promise<Buffer> body = Promise.promise();
          Buffer collected = Buffer.buffer();
          response.handler(chunk -> {
            if (collected.length() + chunk.length() > MAX_DOCUMENT_BYTES) {
              response.request().reset();
              body.tryFail("the discovery document is larger than " + MAX_DOCUMENT_BYTES + " bytes");
            } else {
              collected.appendBuffer(chunk);
            }
          });
          response.endHandler(v -> body.tryComplete(collected));
          response.exceptionHandler(body::tryFail);
          return body.future();
        })
        .map(Buffer::toJsonObject), "the discovery document")
        .andThen(done -> client.close()); // also drops a connection still dripping
  }

  /** The answer, or once the deadline has passed a failure saying what did not complete. */
  private <T> Future<T> withinDeadline(Future<T> answer, String what) {
    return answer.timeout(deadline.toMillis(), TimeUnit.MILLISECONDS).recover(failure -> failure instanceof TimeoutException
        ? Future.failedFuture(what + " did not complete within " + deadline.toMillis() + " ms") : Future.failedFuture(failure));
  }

  /** As Vert.x's discovery builds it: the announced endpoints, the issuer the ID tokens must name, and the keys. */
  private Future<OAuth2Auth> provider(OAuth2Options options, JsonObject document) {
    String announcedIssuer = document.getString("issuer", "").replaceAll("/+$", "");
    if (!announcedIssuer.equals(options.getSite())) {
      return Future.failedFuture("the discovery document names another issuer: " + announcedIssuer);
    }
    options.setAuthorizationPath(document.getString("authorization_endpoint"))
        .setTokenPath(document.getString("token_endpoint"))
        .setLogoutPath(document.getString("end_session_endpoint"))
        .setRevocationPath(document.getString("revocation_endpoint"))
        .setUserInfoPath(document.getString("userinfo_endpoint"))
        .setJwkPath(document.getString("jwks_uri"))
        .setIntrospectionPath(document.getString("introspection_endpoint"));
    JWTOptions jwt = options.getJWTOptions() == null ? new JWTOptions() : options.getJWTOptions();
    options.setJWTOptions(jwt.setIssuer(document.getString("issuer")));
    if (document.getValue("grant_types_supported") instanceof JsonArray grants) {
      options.setSupportedGrantTypes(new ArrayList<>());
      grants.forEach(grant -> options.addSupportedGrantType(String.valueOf(grant)));
    }
    OAuth2Auth provider = OAuth2Auth.create(vertx, options);
    return options.getJwkPath() == null ? Future.succeededFuture(provider) : provider.jWKSet().map(provider);
  }
}
