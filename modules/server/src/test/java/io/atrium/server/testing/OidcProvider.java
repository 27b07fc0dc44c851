package io.atrium.server.testing;

import com.nimbusds.jose.JOSEObjectType;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import com.nimbusds.oauth2.sdk.TokenRequest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real OpenID Connect provider for tests (mock-oauth2-server), one per test JVM. It serves any number of
 * issuers, each under its own path with its own signing key, and issues a code without a login form. Its
 * clock is the real one, as Vert.x Auth checks token times against it too; SSO tests set the test API's
 * clock to now before each test, and move it to test Atrium's own checks against its injected clock.
 */
public final class OidcProvider {

  private static OidcProvider instance;

  private final MockOAuth2Server server;
  /** Read by the provider at every token request: each issuer's next token, set by the test that uses it. */
  private final Set<OAuth2TokenCallback> issuers = ConcurrentHashMap.newKeySet();
  private final Map<String, NextToken> byIssuer = new ConcurrentHashMap<>();
  private volatile java.time.Duration skew = java.time.Duration.ZERO;

  private OidcProvider() {
    OAuth2TokenProvider tokens = new OAuth2TokenProvider(new KeyProvider(), () -> Instant.now().plus(skew));
    server = new MockOAuth2Server(new OAuth2Config(false, null, null, false, tokens, issuers));
    server.start();
  }

  public static synchronized OidcProvider get() {
    if (instance == null) {
      instance = new OidcProvider();
    }
    return instance;
  }

  /** Sets the provider's clock this far from Atrium's (zero: the same). */
  public void skew(java.time.Duration skew) {
    this.skew = skew;
  }

  /** A new issuer of its own: {@code http://localhost:<port>/<id>}. */
  public String newIssuer() {
    return issuer("issuer-" + UUID.randomUUID().toString().substring(0, 8));
  }

  public String issuer(String issuerId) {
    byIssuer.computeIfAbsent(issuerId, id -> {
      NextToken next = new NextToken(id);
      issuers.add(next);
      return next;
    });
    return server.issuerUrl(issuerId).toString().replaceAll("/+$", "");
  }

  /** The claims of the next token this issuer hands out (audience null: the client id, as a real provider). */
  public void nextToken(String issuer, Map<String, Object> claims, List<String> audience, long expirySeconds) {
    byIssuer.get(issuerId(issuer)).next = new DefaultOAuth2TokenCallback(issuerId(issuer), "subject-" + UUID.randomUUID(),
        JOSEObjectType.JWT.getType(), audience, claims, expirySeconds);
  }

  /** A verified email the provider vouches for, meant for the given client. */
  public void nextUser(String issuer, String clientId, String email, String name) {
    nextToken(issuer, Map.of("email", email, "email_verified", true, "name", name), List.of(clientId), 3600);
  }

  private static String issuerId(String issuer) {
    return issuer.substring(issuer.lastIndexOf('/') + 1);
  }

  /**
   * One issuer's tokens, as the last {@link #nextToken} said (the provider's own queue is shared by all issuers,
   * so a token a failed test never fetched would stand in front of every other issuer's).
   */
  private static final class NextToken implements OAuth2TokenCallback {
    private final String issuerId;
    private volatile OAuth2TokenCallback next;

    NextToken(String issuerId) {
      this.issuerId = issuerId;
      this.next = new DefaultOAuth2TokenCallback(issuerId);
    }

    @Override
    public String issuerId() {
      return issuerId;
    }

    @Override
    public String subject(TokenRequest request) {
      return next.subject(request);
    }

    @Override
    public String typeHeader(TokenRequest request) {
      return next.typeHeader(request);
    }

    @Override
    public List<String> audience(TokenRequest request) {
      return next.audience(request);
    }

    @Override
    public Map<String, Object> addClaims(TokenRequest request) {
      return next.addClaims(request);
    }

    @Override
    public long tokenExpiry() {
      return next.tokenExpiry();
    }
  }
}
