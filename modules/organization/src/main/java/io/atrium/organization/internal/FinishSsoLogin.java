package io.atrium.organization.internal;

import io.atrium.platform.UnitOfWork;
import io.atrium.platform.Secrets;
import io.atrium.platform.Times;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejected;
import io.atrium.platform.Rejection;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;

/**
 * Finishes an SSO login at the callback: the state must name an unused, unexpired attempt of this browser,
 * made under the organization's current settings; the attempt is spent before the code is exchanged (with
 * its PKCE verifier), then the ID token is checked ({@link IdTokenChecks}), the user found or created, made a
 * member with the default role unless an admin removed them, and only then a session opened.
 */
final class FinishSsoLogin {

  private static final Logger log = LoggerFactory.getLogger(FinishSsoLogin.class);

  private final UnitOfWork<OrganizationTables> storage;
  private final Providers providers;
  private final SsoMembership membership;
  private final UserLookups users;
  private final SsoUrls urls;
  private final Clock clock;

  FinishSsoLogin(UnitOfWork<OrganizationTables> storage, Providers providers, SsoMembership membership, UserLookups users, SsoUrls urls, Clock clock) {
    this.storage = storage;
    this.providers = providers;
    this.membership = membership;
    this.users = users;
    this.urls = urls;
    this.clock = clock;
  }

  /** {@code {state, code?, error?, browserBinding?}} → {@code {token, expiresAt, user, organizationId}}. */
  Future<JsonObject> finish(JsonObject request) {
    String state = text(request, "state");
    String code = text(request, "code");
    Instant now = Times.now(clock);
    if (state == null) {
      return refuse(Codes.INVALID_STATE, "the callback carries no state");
    }
    return storage.transaction(tables -> spend(tables, state, text(request, "browserBinding"), now))
        .compose(attempt -> storage.read().ssoConfigurations().find(attempt.organizationId()).compose(configuration -> {
          if (configuration == null || !configuration.version().equals(attempt.configurationVersion())) {
            return refuse(Codes.INVALID_STATE, "the organization's single sign-on was changed or removed since this login started");
          }
          if (request.getValue("error") != null || code == null) {
            return refuse(Codes.SSO_FAILED, "the provider returned no code (" + describe(request.getValue("error")) + ")");
          }
          return providers.of(configuration)
              .compose(provider -> provider.authenticate(new Oauth2Credentials().setFlow(OAuth2FlowType.AUTH_CODE)
                  .setCode(code).setRedirectUri(urls.callback()).setCodeVerifier(attempt.codeVerifier())))
              .recover(failure -> {
                // Only the kind of failure: a provider's error text may echo the code.
                log.info("SSO code exchange for organization {} failed ({})", attempt.organizationId(), failure.getClass().getSimpleName());
                // Vert.x refuses a token response whose lifetime is over before any claim is looked at.
                return refuse(Codes.SSO_FAILED, String.valueOf(failure.getMessage()).contains("expired")
                    ? "the ID token has expired or is not valid yet (exp, iat or nbf)" : "the provider did not accept the code or its PKCE verifier");
              })
              .compose(user -> {
                try {
                  return Future.succeededFuture(IdTokenChecks.verified(user, configuration, attempt, Times.now(clock)));
                } catch (Rejected rejected) {
                  return Future.failedFuture(rejected);
                }
              })
              .compose(claims -> signIn(configuration, claims));
        }));
  }

  private Future<JsonObject> signIn(SsoConfiguration configuration, JsonObject claims) {
    String email = claims.getString("email");
    String name = claims.getValue("name") instanceof String n && !n.isBlank() ? n : email;
    return users.ssoUser(email, name)
        .compose(user -> membership.ensure(configuration, user.id()).map(joined -> user))
        .compose(user -> users.openSsoSession(user.id()))
        .map(session -> session.put("organizationId", configuration.organizationId().toString()));
  }

  /** The attempt the state names, checked and marked used in one transaction, so it is spent exactly once. */
  private static Future<LoginAttempt> spend(OrganizationTables tables, String state, String browserBinding, Instant now) {
    return tables.loginAttempts().lockByStateHash(Secrets.sha256(state)).compose(attempt -> {
      if (attempt == null) {
        return refuse(Codes.INVALID_STATE, "the state names no login started here");
      }
      if (attempt.usedAt() != null) {
        return refuse(Codes.INVALID_STATE, "this login was already used; start again");
      }
      if (!attempt.expiresAt().isAfter(now)) {
        return refuse(Codes.INVALID_STATE, "this login expired; start again");
      }
      if (!Secrets.matches(attempt.browserHash(), browserBinding)) {
        return refuse(Codes.INVALID_STATE, "this login was started in another browser");
      }
      return tables.loginAttempts().markUsed(attempt, now).map(used -> attempt);
    });
  }

  private static String text(JsonObject request, String field) {
    return request.getValue(field) instanceof String s && !s.isBlank() ? s : null;
  }

  private static String describe(Object error) {
    return error instanceof String s && s.matches("[a-z_]{1,64}") ? s : "no error given";
  }

  private static <T> Future<T> refuse(Codes code, String detail) {
    return Future.failedFuture(Rejection.of(code, detail).failure());
  }
}
