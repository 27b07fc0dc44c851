package io.atrium.identity.internal;

import io.atrium.identity.Authenticator;
import io.atrium.identity.IdentityAddresses;
import io.atrium.identity.UserProfiles;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.BoundedWorkerPool;
import io.atrium.platform.Bus;
import io.atrium.platform.Invalidations;
import io.atrium.platform.Contracts;
import io.atrium.platform.Mailer;
import io.atrium.platform.SecretCipher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Wires the identity context: serves {@link IdentityAddresses} (see {@link Bus}) and provides {@link UserProfiles}
 * (see {@link Contracts}).
 */
public final class IdentityEndpoints {

  /** What changes a cached caller (the database also notifies every process of it, triggers in changelog.yaml). */
  private static final Set<String> CHANGE_CALLERS = Set.of(IdentityAddresses.SIGN_OUT, IdentityAddresses.REVOKE_API_TOKEN,
      IdentityAddresses.CHANGE_PASSWORD, IdentityAddresses.CONFIRM_PASSWORD_RESET, IdentityAddresses.CONFIRM_TOTP,
      IdentityAddresses.DISABLE_TOTP, IdentityAddresses.MARK_EMAIL_VERIFIED, IdentityAddresses.VERIFY_EMAIL);

  private IdentityEndpoints() {}

  /** Drops the user's cached tokens in this process before the answer leaves, so its asker sees its change at once. */
  private static Function<JsonObject, Future<JsonObject>> evictingCallers(Function<JsonObject, Future<JsonObject>> endpoint,
                                                                          Invalidations invalidations) {
    return request -> endpoint.apply(request).onSuccess(reply -> {
      String userId = reply.getValue("userId") instanceof String id ? id
          : request.getValue("userId") instanceof String id ? id : null;
      if (userId != null) {
        invalidations.evictHere(CachedAuthenticator.TOPIC, userId);
      }
    });
  }

  /** Identity's {@link Authenticator}, with its per-process cache. */
  public static Authenticator authenticator(Pool pool, Clock clock, Invalidations invalidations) {
    return new CachedAuthenticator(new Authentication(new SqlTokens(pool), clock), clock, invalidations);
  }

  /** The process's one pool for password hashing (sign-up, sign-in, password change and reset); close it at stop. */
  public static BoundedWorkerPool passwordHashing(AtriumConfig config) {
    return Passwords.pool(config);
  }

  /** Registers every endpoint, hashing passwords on {@code passwordHashing}; completes once all are reachable. */
  public static Future<Void> serve(Vertx vertx, Pool pool, AtriumConfig config, Clock clock, Invalidations invalidations,
                                   BoundedWorkerPool passwordHashing) {
    Users users = new SqlUsers(pool);
    Tokens tokens = new SqlTokens(pool);
    PersonalOrganizations organizations = new BusPersonalOrganizations(vertx);
    Passwords passwords = new Passwords(passwordHashing);
    SessionIssuer sessions = new SessionIssuer(tokens, Duration.ofHours(config.integer("sessions.ttlHours")), clock);
    LoginFailures counts = new SqlLoginFailures(pool);
    LoginLimits limits = new LoginLimits(counts, config, clock);
    Duration window = Duration.ofMinutes(config.integer("login.windowMinutes"));
    // Queued in the outbox and sent by its relay after the commit, retried until the SMTP server takes it.
    Mailer mailer = Mailer.viaOutbox(pool);
    String publicUrl = config.string("publicUrl");
    SqlMailTokens mailTokens = new SqlMailTokens(pool);
    SqlTwoFactor twoFactorStore = new SqlTwoFactor(pool);
    VerifyEmail verification = new VerifyEmail(users, mailTokens, mailer, publicUrl, new Throttle(counts, clock,
        Duration.ofHours(1), config.integer("verificationMail.maxPerHour"), "Too many verification mails; try again later"), clock);
    String tooManyResets = "Too many password resets asked; try again later";
    ResetPassword reset = new ResetPassword(users, mailTokens, passwords, mailer, publicUrl,
        new Throttle(counts, clock, Duration.ofHours(1), config.integer("passwordResets.maxPerEmail"), tooManyResets),
        new Throttle(counts, clock, Duration.ofHours(1), config.integer("passwordResets.maxPerClient"), tooManyResets), clock);
    TwoFactor twoFactor = new TwoFactor(users, twoFactorStore, SecretCipher.fromConfig(config, "mfa.secretKey", "TOTP secrets"),
        sessions, new Throttle(counts, clock, window, config.integer("mfa.maxFailures"), "Too many wrong codes; try again later"), clock);
    OperatorAudit operators = new OperatorAudit(users, twoFactorStore, pool, config.list("operators"), clock);

    SignUp registration = new SignUp(users, organizations, passwords, verification, clock);
    SignIn login = new SignIn(users, passwords, limits, sessions, new BusSsoPolicies(vertx), twoFactor);
    SsoAccounts ssoAccounts = new SsoAccounts(users, sessions, clock);
    Authentication authentication = new Authentication(tokens, clock);
    UserProfiles profiles = new SqlUserProfiles(pool);
    Profile profile = new Profile(users, profiles);
    UserDirectory directory = new UserDirectory(users);
    ChangePassword passwordChange = new ChangePassword(users, passwords, clock);
    ManageApiTokens apiTokens = new ManageApiTokens(users, tokens, clock);

    Map<String, Function<JsonObject, Future<JsonObject>>> endpoints = Map.ofEntries(
        Map.entry(IdentityAddresses.SIGN_UP, registration::signUp),
        Map.entry(IdentityAddresses.SIGN_IN, login::signIn),
        Map.entry(IdentityAddresses.AUTHENTICATE, authentication::authenticate),
        Map.entry(IdentityAddresses.SIGN_OUT, authentication::signOut),
        Map.entry(IdentityAddresses.ME, profile::me),
        Map.entry(IdentityAddresses.UPDATE_ME, profile::updateMe),
        Map.entry(IdentityAddresses.CHANGE_PASSWORD, passwordChange::changePassword),
        Map.entry(IdentityAddresses.CREATE_API_TOKEN, apiTokens::create),
        Map.entry(IdentityAddresses.LIST_API_TOKENS, apiTokens::list),
        Map.entry(IdentityAddresses.REVOKE_API_TOKEN, apiTokens::revoke),
        Map.entry(IdentityAddresses.USERS_BY_IDS, directory::byIds),
        Map.entry(IdentityAddresses.USER_BY_EMAIL, directory::byEmail),
        Map.entry(IdentityAddresses.MARK_EMAIL_VERIFIED, directory::markEmailVerified),
        Map.entry(IdentityAddresses.SSO_USER, ssoAccounts::user),
        Map.entry(IdentityAddresses.SSO_SESSION, ssoAccounts::session),
        Map.entry(IdentityAddresses.VERIFY_EMAIL, verification::verify),
        Map.entry(IdentityAddresses.SEND_VERIFICATION_MAIL, verification::resend),
        Map.entry(IdentityAddresses.REQUEST_PASSWORD_RESET, reset::request),
        Map.entry(IdentityAddresses.CONFIRM_PASSWORD_RESET, reset::confirm),
        Map.entry(IdentityAddresses.ENROL_TOTP, twoFactor::enrol),
        Map.entry(IdentityAddresses.CONFIRM_TOTP, twoFactor::confirm),
        Map.entry(IdentityAddresses.DISABLE_TOTP, twoFactor::disable),
        Map.entry(IdentityAddresses.SIGN_IN_MFA, twoFactor::finishSignIn),
        Map.entry(IdentityAddresses.AUTHORIZE_OPERATOR, operators::authorize),
        Map.entry(IdentityAddresses.OPERATOR_CALL_ENDED, operators::ended),
        Map.entry(IdentityAddresses.OPERATOR_AUDIT_LOG, operators::list));
    Contracts.provide(vertx, UserProfiles.class, profiles);
    Map<String, Function<JsonObject, Future<JsonObject>>> served = new HashMap<>(endpoints);
    CHANGE_CALLERS.forEach(address -> served.computeIfPresent(address, (a, endpoint) -> evictingCallers(endpoint, invalidations)));
    return Bus.serveAll(vertx, served);
  }
}
