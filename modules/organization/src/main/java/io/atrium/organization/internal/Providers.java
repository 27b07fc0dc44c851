package io.atrium.organization.internal;

import io.atrium.platform.SecretCipher;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2Options;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * OpenID Connect providers found by discovery (metadata and JWKS). A saved configuration's provider is kept
 * for a few minutes, keyed by the configuration's version, so a login's start and callback do not both
 * discover it again; any save makes a new version.
 */
final class Providers {

  private static final long KEEP_NANOS = TimeUnit.MINUTES.toNanos(5);
  private static final int TIMEOUT_MILLIS = 5_000;

  private final Discovery discovery;
  private final SecretCipher cipher;
  private final Map<UUID, Kept> kept = new ConcurrentHashMap<>();

  Providers(Discovery discovery, SecretCipher cipher) {
    this.discovery = discovery;
    this.cipher = cipher;
  }

  /** Discovers the issuer afresh; fails with the reason when it cannot (a refused address as a {@code Rejected}). */
  Future<OAuth2Auth> discover(String issuer, String clientId, String clientSecret) {
    OAuth2Options options = new OAuth2Options()
        .setSite(issuer)
        .setClientId(clientId)
        .setClientSecret(clientSecret)
        .setHttpClientOptions(new HttpClientOptions().setConnectTimeout(TIMEOUT_MILLIS).setIdleTimeout(TIMEOUT_MILLIS)
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS));
    return discovery.discover(options);
  }

  /** The provider of a saved configuration. */
  Future<OAuth2Auth> of(SsoConfiguration configuration) {
    long now = System.nanoTime();
    kept.values().removeIf(k -> now - k.since() > KEEP_NANOS);
    Kept hit = kept.get(configuration.version());
    if (hit != null && !hit.provider().failed()) {
      return hit.provider();
    }
    String secret = cipher.decrypt(configuration.clientSecretEncrypted(), configuration.organizationId().toString());
    Future<OAuth2Auth> provider = discover(configuration.issuer(), configuration.clientId(), secret);
    kept.put(configuration.version(), new Kept(provider, now));
    return provider;
  }

  private record Kept(Future<OAuth2Auth> provider, long since) {}
}
