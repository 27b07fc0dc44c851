package io.atrium.organization.internal;

import io.atrium.platform.UnitOfWork;
import io.atrium.platform.Secrets;
import io.atrium.platform.Times;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Starts an SSO login (authorization code flow with PKCE S256, state and nonce): finds the organization by
 * the email's domain or by id, records the attempt and answers where to send the browser, plus the value
 * the browser must keep in a cookie to be allowed to finish.
 */
final class StartSsoLogin {

  static final Duration LIFETIME = Duration.ofMinutes(10);
  private static final List<String> SCOPES = List.of("openid", "email", "profile");

  private final UnitOfWork<OrganizationTables> storage;
  private final Providers providers;
  private final SsoUrls urls;
  private final Clock clock;

  StartSsoLogin(UnitOfWork<OrganizationTables> storage, Providers providers, SsoUrls urls, Clock clock) {
    this.storage = storage;
    this.providers = providers;
    this.urls = urls;
    this.clock = clock;
  }

  /** {@code {email} or {organizationId}} → {@code {authorizationUrl, browserBinding, expiresAt}}. */
  Future<JsonObject> start(JsonObject request) {
    String email = request.getValue("email") instanceof String s && !s.isBlank() ? s.trim() : null;
    UUID organizationId = parse(request.getValue("organizationId"));
    if (email == null && organizationId == null) {
      return Future.failedFuture(request.containsKey("organizationId")
          ? Rejection.notFound("single sign-on for that organization").failure()
          : Rejection.invalid("email", "give an email or an organization").failure());
    }
    Future<SsoConfiguration> found = email != null
        ? storage.read().ssoConfigurations().byDomain(SsoUrls.domainOf(email))
        : storage.read().ssoConfigurations().find(organizationId);
    // Only verified domains count: settings none of whose domains is verified (now) can sign nobody in.
    return found.compose(configuration -> configuration == null || configuration.verifiedDomains().isEmpty()
        ? Future.failedFuture(Rejection.notFound("single sign-on for that " + (email != null ? "email's domain" : "organization")).failure())
        : providers.of(configuration)
            .recover(failure -> Future.failedFuture(Rejection.of(Codes.UNAVAILABLE,
                "the organization's identity provider does not answer now; try again later").failure()))
            .compose(provider -> {
          Instant now = Times.now(clock);
          String state = Secrets.newToken();
          String nonce = Secrets.newToken();
          String verifier = Secrets.newToken();
          String browser = Secrets.newToken();
          Map<String, String> extra = new HashMap<>(Map.of("nonce", nonce));
          OAuth2AuthorizationURL url = new OAuth2AuthorizationURL().setAdditionalParameters(extra)
              .setRedirectUri(urls.callback()).setScopes(SCOPES).setState(state)
              .setCodeChallenge(Secrets.sha256Text(verifier)).setCodeChallengeMethod("S256");
          if (email != null) {
            url.setLoginHint(email);
          }
          LoginAttempt attempt = new LoginAttempt(UUID.randomUUID(), Secrets.sha256(state), Secrets.sha256(browser),
              configuration.organizationId(), configuration.version(), configuration.issuer(), nonce, verifier, now, now.plus(LIFETIME), null);
          return storage.transaction(tables -> tables.loginAttempts().purgeExpired(now.minus(LIFETIME))
                  .compose(purged -> tables.loginAttempts().insert(attempt)))
              .map(stored -> new JsonObject()
                  .put("authorizationUrl", provider.authorizeURL(url))
                  .put("browserBinding", browser)
                  .put("expiresAt", Times.text(attempt.expiresAt())));
        }));
  }

  private static UUID parse(Object value) {
    try {
      return value instanceof String s && s.length() == 36 ? UUID.fromString(s) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
