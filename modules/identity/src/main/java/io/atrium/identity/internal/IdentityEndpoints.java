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
    Organizations organizations = new BusOrganizations(vertx);
    Passwords passwords = new Passwords(vertx);
    SessionIssuer sessions = new SessionIssuer(tokens, Duration.ofHours(config.integer("sessions.ttlHours")), clock);
    LoginLimits limits = new LoginLimits(new SqlLoginFailures(pool), config, clock);

    Registration registration = new Registration(users, organizations, passwords, clock);
    Login login = new Login(users, passwords, limits, sessions);
    Authentication authentication = new Authentication(tokens, clock);
    Profile profile = new Profile(users, organizations);
    PasswordChange passwordChange = new PasswordChange(users, passwords, clock);
    ApiTokenManagement apiTokens = new ApiTokenManagement(tokens, clock);

    Map<String, Function<JsonObject, Future<JsonObject>>> endpoints = Map.of(
        IdentityAddresses.SIGN_UP, registration::signUp,
        IdentityAddresses.SIGN_IN, login::signIn,
        IdentityAddresses.AUTHENTICATE, authentication::authenticate,
        IdentityAddresses.SIGN_OUT, authentication::signOut,
        IdentityAddresses.ME, profile::me,
        IdentityAddresses.UPDATE_ME, profile::updateMe,
        IdentityAddresses.CHANGE_PASSWORD, passwordChange::changePassword,
        IdentityAddresses.CREATE_API_TOKEN, apiTokens::create,
        IdentityAddresses.LIST_API_TOKENS, apiTokens::list,
        IdentityAddresses.REVOKE_API_TOKEN, apiTokens::revoke);
    return Future.all(endpoints.entrySet().stream()
            .map(endpoint -> Bus.serve(vertx, endpoint.getKey(), endpoint.getValue()).completion())
            .toList())
        .mapEmpty();
  }
}
