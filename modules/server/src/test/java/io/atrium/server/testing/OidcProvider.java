package io.atrium.server.testing;

import com.nimbusds.jose.JOSEObjectType;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A real OpenID Connect provider for tests (mock-oauth2-server), one per test JVM. It serves any number of
 * issuers, each under its own path with its own signing key, and issues a code without a login form. Its
 * clock is the test API's, so token times and Atrium's injected clock agree.
 */
public final class OidcProvider {

  private static OidcProvider instance;

  private final MockOAuth2Server server;

  private OidcProvider(TestApi api) {
    OAuth2TokenProvider tokens = new OAuth2TokenProvider(new KeyProvider(), () -> api.clock.instant());
    server = new MockOAuth2Server(new OAuth2Config(false, null, null, false, tokens, Set.of()));
    server.start();
  }

  public static synchronized OidcProvider get() {
    if (instance == null) {
      instance = new OidcProvider(TestApi.get());
    }
    return instance;
  }

  /** A new issuer of its own: {@code http://localhost:<port>/<id>}. */
  public String newIssuer() {
    return issuer("issuer-" + UUID.randomUUID().toString().substring(0, 8));
  }

  public String issuer(String issuerId) {
    return server.issuerUrl(issuerId).toString().replaceAll("/+$", "");
  }

  /** The claims of the next token this issuer hands out (audience null: the client id, as a real provider). */
  public void nextToken(String issuer, Map<String, Object> claims, List<String> audience, long expirySeconds) {
    server.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId(issuer), "subject-" + UUID.randomUUID(),
        JOSEObjectType.JWT.getType(), audience, claims, expirySeconds));
  }

  /** A verified email the provider vouches for, meant for the given client. */
  public void nextUser(String issuer, String clientId, String email, String name) {
    nextToken(issuer, Map.of("email", email, "email_verified", true, "name", name), List.of(clientId), 3600);
  }

  private static String issuerId(String issuer) {
    return issuer.substring(issuer.lastIndexOf('/') + 1);
  }
}
