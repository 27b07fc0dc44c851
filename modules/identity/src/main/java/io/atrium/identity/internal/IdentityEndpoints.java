package io.atrium.identity.internal;

import io.atrium.identity.Authenticator;
import io.atrium.identity.IdentityAddresses;
import io.atrium.identity.UserProfiles;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.BoundedWorkerPool;
import io.atrium.platform.Bus;
import io.atrium.platform.Invalidations;
import io.atrium.platform.Contracts;
import io.atrium.platform.SecretCipher;
import io.atrium.platform.UnitOfWork;
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
      IdentityAddresses.DISABLE_TOTP, IdentityAddresses.MARK_EMAIL_VERIFIED, IdentityAddresses.VERIFY_EMAIL,
      IdentityAddresses.UPDATE_ME);

  private IdentityEndpoints() {}

  /** Drops the user's cached tokens in this process before the answer leaves, so its asker sees its change at once. */
  private static Function<JsonObject, Future<JsonObject>> evictingCallers(Function<JsonObject, Future<JsonObject>> endpoint,
                                                                          Invalidations invalidations) {
    return request -> endpoint.apply(request).onSuccess(reply -> {
      // Verifying an email is asked with a token only: its reply, the user, names them by "id".
      String userId = reply.getValue("userId") instanceof String id ? id
          : request.getValue("userId") instanceof String id ? id
          : reply.getValue("id") instanceof String id ? id : null;
      if (userId != null) {
        invalidations.evictHere(CachedAuthenticator.TOPIC, userId);
      }
    });
  }

  /** Identity's {@link Authenticator}, with its per-process cache. */
  public static Authenticator authenticator(Pool pool, Clock clock, Invalidations invalidations) {
    return new CachedAuthenticator(new AuthenticateToken(IdentityTables.postgres(pool), clock), clock, invalidations);
  }

  /** The process's one pool for password hashing (sign-up, sign-in, password change and reset); close it at stop. */
  public static BoundedWorkerPool passwordHashing(AtriumConfig config) {
    return Passwords.pool(config);
  }

  /** Registers every endpoint, hashing passwords on {@code passwordHashing}; completes once all are reachable. */
  public static Future<Void> serve(Vertx vertx, Pool pool, AtriumConfig config, Clock clock, Invalidations invalidations,
                                   BoundedWorkerPool passwordHashing) {
    UnitOfWork<IdentityTables> storage = IdentityTables.postgres(pool);
    PersonalOrganizations organizations = new BusPersonalOrganizations(vertx);
    Passwords passwords = new Passwords(passwordHashing);
    SessionIssuer sessions = new SessionIssuer(storage.read().tokens(), Duration.ofHours(config.integer("sessions.ttlHours")), clock);
    LoginFailures counts = storage.read().loginFailures();
    LoginLimits limits = new LoginLimits(counts, config, clock);
    Duration window = Duration.ofMinutes(config.integer("login.windowMinutes"));
    String publicUrl = config.string("publicUrl");
    VerifyEmail verification = new VerifyEmail(storage, publicUrl, new Throttle(counts, clock,
        Duration.ofHours(1), config.integer("verificationMail.maxPerHour"), "Too many verification mails; try again later"), clock);
    String tooManyResets = "Too many password resets asked; try again later";
    ResetPassword reset = new ResetPassword(storage, passwords, publicUrl,
        new Throttle(counts, clock, Duration.ofHours(1), config.integer("passwordResets.maxPerEmail"), tooManyResets),
        new Throttle(counts, clock, Duration.ofHours(1), config.integer("passwordResets.maxPerClient"), tooManyResets), clock);
    SecondFactorChecks secondFactorChecks = new SecondFactorChecks(storage, SecretCipher.fromConfig(config, "mfa.secretKey", "TOTP secrets"),
        new Throttle(counts, clock, window, config.integer("mfa.maxFailures"), "Too many wrong codes; try again later"), clock);
    ManageTwoFactor twoFactor = new ManageTwoFactor(storage, secondFactorChecks, clock);
    FinishSignIn finishSignIn = new FinishSignIn(storage, secondFactorChecks, sessions, clock);
    AuthorizeOperators operators = new AuthorizeOperators(storage, config.list("operators"), clock);

    SignUp registration = new SignUp(storage, organizations, passwords, verification, clock);
    SignIn login = new SignIn(storage, passwords, limits, sessions, new BusSsoPolicies(vertx), finishSignIn);
    SignInSsoUsers ssoSignIns = new SignInSsoUsers(storage, sessions, clock);
    AuthenticateToken authentication = new AuthenticateToken(storage, clock);
    SignOut signOut = new SignOut(storage, clock);
    ManageProfile profile = new ManageProfile(storage);
    LookUpUsers lookUps = new LookUpUsers(storage);
    ChangePassword passwordChange = new ChangePassword(storage, passwords, clock);
    ManageApiTokens apiTokens = new ManageApiTokens(storage, clock);

    Map<String, Function<JsonObject, Future<JsonObject>>> endpoints = Map.ofEntries(
        Map.entry(IdentityAddresses.SIGN_UP, registration::signUp),
        Map.entry(IdentityAddresses.SIGN_IN, login::signIn),
        Map.entry(IdentityAddresses.AUTHENTICATE, authentication::authenticate),
        Map.entry(IdentityAddresses.SIGN_OUT, signOut::signOut),
        Map.entry(IdentityAddresses.ME, profile::me),
        Map.entry(IdentityAddresses.UPDATE_ME, profile::updateMe),
        Map.entry(IdentityAddresses.CHANGE_PASSWORD, passwordChange::changePassword),
        Map.entry(IdentityAddresses.CREATE_API_TOKEN, apiTokens::create),
        Map.entry(IdentityAddresses.LIST_API_TOKENS, apiTokens::list),
        Map.entry(IdentityAddresses.REVOKE_API_TOKEN, apiTokens::revoke),
        Map.entry(IdentityAddresses.USERS_BY_IDS, lookUps::byIds),
        Map.entry(IdentityAddresses.USER_BY_EMAIL, lookUps::byEmail),
        Map.entry(IdentityAddresses.MARK_EMAIL_VERIFIED, lookUps::markEmailVerified),
        Map.entry(IdentityAddresses.SSO_USER, ssoSignIns::user),
        Map.entry(IdentityAddresses.SSO_SESSION, ssoSignIns::session),
        Map.entry(IdentityAddresses.VERIFY_EMAIL, verification::verify),
        Map.entry(IdentityAddresses.SEND_VERIFICATION_MAIL, verification::resend),
        Map.entry(IdentityAddresses.REQUEST_PASSWORD_RESET, reset::request),
        Map.entry(IdentityAddresses.CONFIRM_PASSWORD_RESET, reset::confirm),
        Map.entry(IdentityAddresses.ENROL_TOTP, twoFactor::enrol),
        Map.entry(IdentityAddresses.CONFIRM_TOTP, twoFactor::confirm),
        Map.entry(IdentityAddresses.DISABLE_TOTP, twoFactor::disable),
        Map.entry(IdentityAddresses.SIGN_IN_MFA, finishSignIn::finishSignIn),
        Map.entry(IdentityAddresses.AUTHORIZE_OPERATOR, operators::authorize),
        Map.entry(IdentityAddresses.OPERATOR_CALL_ENDED, operators::ended),
        Map.entry(IdentityAddresses.OPERATOR_AUDIT_LOG, operators::list));
    Contracts.provide(vertx, UserProfiles.class, storage.read().userProfiles());
    Map<String, Function<JsonObject, Future<JsonObject>>> served = new HashMap<>(endpoints);
    CHANGE_CALLERS.forEach(address -> served.computeIfPresent(address, (a, endpoint) -> evictingCallers(endpoint, invalidations)));
    return Bus.serveAll(vertx, served);
  }
}
