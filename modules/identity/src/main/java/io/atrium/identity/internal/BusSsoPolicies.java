package io.atrium.identity.internal;

import io.atrium.identity.IdentityAddresses;
import io.atrium.platform.BusClient;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejected;
import io.atrium.platform.Rejection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Asks {@link IdentityAddresses#SSO_POLICY}, which the organization context serves. When it cannot be asked,
 * sign-in fails closed ({@code unavailable}): an enforced organization's members must not slip through.
 */
final class BusSsoPolicies extends BusClient implements SsoPolicies {

  BusSsoPolicies(Vertx vertx) {
    super(vertx);
  }

  @Override
  public Future<Void> allowPassword(String email) {
    return ask(IdentityAddresses.SSO_POLICY, new JsonObject().put("email", email))
        .recover(failure -> Future.failedFuture(failure instanceof Rejected ? failure
            : Rejection.of(Codes.UNAVAILABLE, "Sign-in is unavailable now; try again later").failure()))
        .compose(policy -> policy.getBoolean("enforced", false)
            ? Future.failedFuture(Rejection.of(Codes.SSO_REQUIRED, "This email's organization requires single sign-on")
                .with("loginUrl", policy.getString("loginUrl")).failure())
            : Future.<Void>succeededFuture());
  }
}
