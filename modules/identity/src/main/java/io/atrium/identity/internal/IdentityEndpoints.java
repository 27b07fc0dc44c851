package io.atrium.identity.internal;

import io.atrium.identity.IdentityAddresses;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Bus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/** Wires the identity context and serves it on the event bus; see {@link IdentityAddresses} for the contract. */
public final class IdentityEndpoints {

  private IdentityEndpoints() {}

  /** Registers every endpoint; completes once all are reachable. */
  public static Future<Void> serve(Vertx vertx, Pool pool, AtriumConfig config, Clock clock) {
    Users users = new SqlUsers(pool);
    Tokens tokens = new SqlTokens(pool);
    PersonalOrganizations organizations = new BusPersonalOrganizations(vertx);
    Passwords passwords = new Passwords(vertx);
    SessionIssuer sessions = new SessionIssuer(tokens, Duration.ofHours(config.integer("sessions.ttlHours")), clock);
    LoginLimits limits = new LoginLimits(new SqlLoginFailures(pool), config, clock);

    Registration registration = new Registration(users, organizations, passwords, clock);
    Login login = new Login(users, passwords, limits, sessions);
    Authentication authentication = new Authentication(tokens, clock);
    Profile profile = new Profile(users);
    UserDirectory directory = new UserDirectory(users);
    PasswordChange passwordChange = new PasswordChange(users, passwords, clock);
    ApiTokenManagement apiTokens = new ApiTokenManagement(tokens, clock);

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
        Map.entry(IdentityAddresses.MARK_EMAIL_VERIFIED, directory::markEmailVerified));
    return Future.all(endpoints.entrySet().stream()
            .map(endpoint -> Bus.serve(vertx, endpoint.getKey(), endpoint.getValue()).completion())
            .toList())
        .mapEmpty();
  }
}
