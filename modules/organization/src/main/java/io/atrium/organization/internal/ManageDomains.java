package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.UnitOfWork;
import io.atrium.platform.AuditEntry;
import io.atrium.platform.PageCursor;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** An organization's admins add, list and remove the email domains it claims; {@link VerifyDomain} proves them. */
final class ManageDomains {

  static final int MAX_DOMAINS = 100;

  private final UnitOfWork<OrganizationTables> storage;
  private final DomainNames names;
  private final Clock clock;

  ManageDomains(UnitOfWork<OrganizationTables> storage, DomainNames names, Clock clock) {
    this.storage = storage;
    this.names = names;
    this.clock = clock;
  }

  /** {@code {userId, organizationId, domain, requestId?}} → the pending domain with the TXT record to publish. */
  Future<JsonObject> add(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    UUID organizationId = input.pathId("organizationId", "organization");
    String requestId = input.requestId();
    Object value = request.getValue("domain");
    String domain = DomainNames.normalized(value);
    String tooLong = value instanceof String text ? DomainNames.tooLong(text.trim(), DomainNames.MAX_CLAIMED) : null;
    if (tooLong != null) {
      input.error("domain", "must be a domain name DNS can carry: this one " + tooLong
          + " (the TXT record " + Domain.CHALLENGE_PREFIX + "<domain> must fit in a DNS name)");
    } else if (domain == null) {
      input.error("domain", "must be a domain name such as example.com");
    } else if (names.isPublicMail(domain)) {
      input.error("domain", domain + " is a public mail domain: anyone can have an address there, so no organization can claim it");
    }
    Instant now = Times.now(clock);
    Domain added = new Domain(organizationId, domain, Domain.Status.PENDING, DnsChallenge.newValue(), now, null, null);
    return input.validated().compose(valid -> storage.transaction(tables -> RoleChecks
        .require(tables.organizations(), organizationId, userId, OrganizationRole.ADMIN, true)
        .compose(seen -> tables.domains().verifiedElsewhere(domain, organizationId))
        .compose(taken -> taken ? Future.failedFuture(Rejection.conflict(domain + " is verified by another organization").failure())
            : tables.domains().count(organizationId))
        .compose(count -> count >= MAX_DOMAINS
            ? Future.failedFuture(Rejection.conflict("an organization holds at most " + MAX_DOMAINS + " domains").failure())
            : tables.domains().insert(added))
        .compose(inserted -> tables.auditLog().append(AuditEntry.of(organizationId, now, userId, "domain.added", requestId)
            .with("domain", domain)))
        .map(logged -> added.toJson())));
  }

  /** {@code {userId, organizationId, limit?, cursor?}} → page of domains by name; admins. */
  Future<JsonObject> list(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    UUID organizationId = input.pathId("organizationId", "organization");
    int limit = input.limit();
    String after = input.cursor(parts -> PageCursor.sized(parts, 1).get(0));
    OrganizationTables tables = storage.read();
    return input.validated()
        .compose(valid -> RoleChecks.require(tables.organizations(), organizationId, userId, OrganizationRole.ADMIN, false))
        .compose(seen -> tables.domains().page(organizationId, after, limit + 1))
        .map(rows -> PageCursor.page(rows, limit, Domain::toJson, d -> PageCursor.of(d.domain())));
  }

  /** {@code {userId, organizationId, domain, requestId?}} → {}; {@code conflict} while the SSO settings name it. */
  Future<JsonObject> remove(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    UUID organizationId = input.pathId("organizationId", "organization");
    String requestId = input.requestId();
    String domain = domainOf(request, input);
    return input.validated().compose(valid -> storage.transaction(tables -> RoleChecks
        .require(tables.organizations(), organizationId, userId, OrganizationRole.ADMIN, true)
        .compose(seen -> tables.ssoConfigurations().find(organizationId))
        .compose(sso -> sso != null && sso.emailDomains().contains(domain)
            ? Future.failedFuture(Rejection.conflict(domain + " is one of the single sign-on emailDomains; remove it there first").failure())
            : tables.domains().delete(organizationId, domain))
        .compose(deleted -> !deleted ? Future.failedFuture(Rejection.notFound("domain").failure())
            : tables.auditLog().append(AuditEntry.of(organizationId, Times.now(clock), userId, "domain.removed", requestId)
                .with("domain", domain)))
        .map(logged -> new JsonObject())));
  }

  /** The {@code domain} of a path: one that is no domain name can name nothing, so it is {@code not_found}. */
  static String domainOf(JsonObject request, Input input) {
    String domain = DomainNames.normalized(request.getValue("domain"));
    return domain != null ? domain : input.unknown("domain");
  }
}
