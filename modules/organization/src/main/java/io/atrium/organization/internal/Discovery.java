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

import java.util.ArrayList;
import java.util.List;

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

  private final Vertx vertx;
  private final PublicAddresses addresses;

  Discovery(Vertx vertx, PublicAddresses addresses) {
    this.vertx = vertx;
    this.addresses = addresses;
  }

  /** The provider of {@code options.getSite()} (the issuer), with the endpoints and keys it announces. */
  Future<OAuth2Auth> discover(OAuth2Options options) {
    String issuer = options.getSite();
    return addresses.require("issuer", "the issuer", issuer)
        .compose(v -> fetch(options, issuer + WELL_KNOWN))
        .compose(document -> announcedArePublic(document).map(document))
        .compose(document -> provider(options, document));
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
    return client.request(request)
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
        .map(Buffer::toJsonObject)
        .andThen(done -> client.close());
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
