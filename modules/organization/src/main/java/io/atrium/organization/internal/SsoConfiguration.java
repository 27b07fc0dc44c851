package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An organization's OpenID Connect provider: who issues identities, as which client, for which email
 * domains, and the role new members get. The secret is held encrypted; {@code version} changes on every save.
 * {@code verifiedDomains} are those of {@code emailDomains} the organization has proven by DNS now: only they
 * are covered (routing, enforcement, sign-in and linking).
 */
record SsoConfiguration(UUID organizationId, String issuer, String clientId, byte[] clientSecretEncrypted,
                        List<String> emailDomains, List<String> verifiedDomains, OrganizationRole defaultRole, boolean enforced, UUID version,
                        Instant updatedAt) {

  /** As the contract shows it: never the secret. */
  JsonObject toJson(String callbackUrl) {
    return new JsonObject()
        .put("issuer", issuer)
        .put("clientId", clientId)
        .put("emailDomains", new JsonArray(emailDomains))
        .put("defaultRole", defaultRole.text())
        .put("enforced", enforced)
        .put("callbackUrl", callbackUrl);
  }

  boolean covers(String email) {
    return verifiedDomains.contains(SsoUrls.domainOf(email));
  }
}
