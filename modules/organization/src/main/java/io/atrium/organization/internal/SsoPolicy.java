package io.atrium.organization.internal;

import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Answers the identity context whether password sign-in is closed for an email: its domain's SSO is enforced. */
final class SsoPolicy {

  private final UnitOfWork<OrganizationTables> storage;
  private final SsoUrls urls;

  SsoPolicy(UnitOfWork<OrganizationTables> storage, SsoUrls urls) {
    this.storage = storage;
    this.urls = urls;
  }

  /** {@code {email}} → {@code {enforced, organizationId?, loginUrl?}}. */
  Future<JsonObject> check(JsonObject request) {
    String email = request.getValue("email") instanceof String s ? s.trim() : "";
    String domain = SsoUrls.domainOf(email);
    if (domain.isEmpty()) {
      return Future.succeededFuture(new JsonObject().put("enforced", false));
    }
    return storage.read().ssoConfigurations().byDomain(domain).map(configuration -> configuration == null || !configuration.enforced()
        ? new JsonObject().put("enforced", false)
        : new JsonObject().put("enforced", true)
            .put("organizationId", configuration.organizationId().toString())
            .put("loginUrl", urls.loginFor(email)));
  }
}
