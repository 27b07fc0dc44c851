package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.UnitOfWork;
import io.atrium.platform.AuditEntry;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.SecretCipher;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An organization's single sign-on settings, kept by its admins: saved only once the issuer answers
 * discovery, the client secret encrypted, every change in the audit log (never the secret).
 */
final class ConfigureSso {

  private static final Logger log = LoggerFactory.getLogger(ConfigureSso.class);
  private static final int MAX_REASON = 300;

  private final UnitOfWork<OrganizationTables> storage;
  private final Providers providers;
  private final SecretCipher cipher;
  private final SsoUrls urls;
  private final Clock clock;
  private final boolean allowLocalIssuers;

  ConfigureSso(UnitOfWork<OrganizationTables> storage, Providers providers, SecretCipher cipher, SsoUrls urls, Clock clock, boolean allowLocalIssuers) {
    this.allowLocalIssuers = allowLocalIssuers;
    this.storage = storage;
    this.providers = providers;
    this.cipher = cipher;
    this.urls = urls;
    this.clock = clock;
  }

  /** {@code {userId, organizationId, issuer, clientId, clientSecret, emailDomains, defaultRole, enforced?, requestId?}} → settings. */
  Future<JsonObject> put(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    UUID organizationId = input.pathId("organizationId", "organization");
    String requestId = input.requestId();
    SsoSettingsInput settings = new SsoSettingsInput(request, input, allowLocalIssuers);
    Instant now = Times.now(clock);
    return input.validated()
        .compose(valid -> RoleChecks.require(storage.read().organizations(), organizationId, userId, OrganizationRole.ADMIN, false))
        .compose(allowed -> verifiedDomains(storage.read(), organizationId, settings.emailDomains))
        .compose(verified -> discoverable(settings))
        .compose(discovered -> storage.transaction(tables -> RoleChecks
            .require(tables.organizations(), organizationId, userId, OrganizationRole.ADMIN, true)
            .compose(seen -> verifiedDomains(tables, organizationId, settings.emailDomains))
            .compose(verified -> {
              SsoConfiguration configuration = new SsoConfiguration(organizationId, settings.issuer, settings.clientId,
                  cipher.encrypt(settings.clientSecret, organizationId.toString()), settings.emailDomains, settings.emailDomains,
                  settings.defaultRole, settings.enforced, UUID.randomUUID(), now);
              return tables.ssoConfigurations().save(configuration)
                  .compose(saved -> tables.auditLog().append(AuditEntry.of(organizationId, now, userId, "sso.configured", requestId)
                      .with("issuer", settings.issuer).with("clientId", settings.clientId)
                      .with("emailDomains", new JsonArray(settings.emailDomains))
                      .with("defaultRole", settings.defaultRole.text()).with("enforced", settings.enforced)))
                  .map(logged -> configuration.toJson(urls.callback()));
            })));
  }

  /** {@code {userId, organizationId}} → settings; {@code not_found} when unset. */
  Future<JsonObject> get(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    UUID organizationId = input.pathId("organizationId", "organization");
    return input.validated()
        .compose(valid -> RoleChecks.require(storage.read().organizations(), organizationId, userId, OrganizationRole.ADMIN, false))
        .compose(allowed -> storage.read().ssoConfigurations().find(organizationId))
        .compose(found -> found == null ? notConfigured() : Future.succeededFuture(found.toJson(urls.callback())));
  }

  /** {@code {userId, organizationId, requestId?}} → {}; logins already started can no longer finish. */
  Future<JsonObject> delete(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    UUID organizationId = input.pathId("organizationId", "organization");
    String requestId = input.requestId();
    return input.validated()
        .compose(valid -> storage.transaction(tables -> RoleChecks
            .require(tables.organizations(), organizationId, userId, OrganizationRole.ADMIN, true)
            .compose(allowed -> tables.ssoConfigurations().delete(organizationId))
            .compose(deleted -> !deleted ? notConfigured()
                : tables.auditLog().append(AuditEntry.of(organizationId, Times.now(clock), userId, "sso.deleted", requestId))
                    .map(logged -> new JsonObject()))));
  }

  /**
   * Every email domain must be one the organization proved by DNS: SSO vouches for every address of its domains,
   * so claiming one unproven would hand its existing accounts to whoever runs the provider.
   */
  private static Future<Void> verifiedDomains(OrganizationTables tables, UUID organizationId, List<String> domains) {
    return tables.domains().verifiedOf(organizationId).compose(verified -> {
      List<String> unproven = domains.stream().filter(domain -> !verified.contains(domain)).toList();
      List<Rejection.FieldError> errors = unproven.stream()
          .map(domain -> new Rejection.FieldError("emailDomains", domain + " is not a verified domain of this organization"))
          .toList();
      return unproven.isEmpty() ? Future.<Void>succeededFuture() : Future.failedFuture(new Rejection(Codes.DOMAIN_UNVERIFIED,
          "every email domain of single sign-on must be verified by this organization first (POST /organizations/"
              + organizationId + "/domains, then .../verify): " + String.join(", ", unproven), errors).failure());
    });
  }

  /** The issuer must answer OpenID Connect discovery now, or the settings are refused with the reason. */
  private Future<Void> discoverable(SsoSettingsInput settings) {
    return providers.discover(settings.issuer, settings.clientId, settings.clientSecret)
        .<Void>mapEmpty()
        .recover(failure -> {
          if (failure instanceof io.atrium.platform.Rejected refused) {
            return Future.failedFuture(refused); // an address check: its reason names the field and the switch
          }
          String reason = String.valueOf(failure.getMessage());
          reason = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason;
          log.info("SSO discovery of {} failed: {}", settings.issuer, reason);
          // The provider's own error text stays in the log: echoing it would let the API probe hosts for a caller.
          return Future.failedFuture(Rejection.invalid("issuer", "OpenID Connect discovery failed: "
              + settings.issuer + "/.well-known/openid-configuration did not answer as an OpenID provider").failure());
        });
  }

  private static <T> Future<T> notConfigured() {
    return Future.failedFuture(Rejection.notFound("single sign-on configuration").failure());
  }
}
