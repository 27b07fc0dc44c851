package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.UnitOfWork;
import io.atrium.platform.AuditEntry;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Proves a domain by its TXT record, on an admin's request and again every {@code domains.recheck.intervalHours}.
 * A lookup that finds the record makes the domain verified (unless another organization verified it first); one that
 * finds the name without it makes a verified domain failed, which stops SSO covering it. A resolver that can't
 * answer changes nothing on an admin's request; on a re-check it is recorded, and after three days of such answers the
 * domain fails.
 */
final class VerifyDomain {

  private static final Logger log = LoggerFactory.getLogger(VerifyDomain.class);
  /** How long re-checks may go unanswered by the resolver before the domain fails: its owner may have let it go. */
  static final Duration UNANSWERED_LIMIT = Duration.ofDays(3);

  private final UnitOfWork<OrganizationTables> storage;
  private final DnsChallenge challenge;
  private final DomainNames names;
  private final Clock clock;

  VerifyDomain(UnitOfWork<OrganizationTables> storage, DnsChallenge challenge, DomainNames names, Clock clock) {
    this.storage = storage;
    this.challenge = challenge;
    this.names = names;
    this.clock = clock;
  }

  /** {@code {userId, organizationId, domain, requestId?}} → the domain, verified; else {@code domain_unverified} saying what was found. */
  Future<JsonObject> verify(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    UUID organizationId = input.pathId("organizationId", "organization");
    String requestId = input.requestId();
    String name = ManageDomains.domainOf(request, input);
    if (name != null && names.isPublicMail(name)) {
      // claims made before public mail domains were refused (migrated SSO domains) must not be proven either
      input.error("domain", name + " is a public mail domain: anyone can have an address there, so no organization can verify it");
    }
    OrganizationTables read = storage.read();
    return input.validated()
        .compose(valid -> RoleChecks.require(read.organizations(), organizationId, userId, OrganizationRole.ADMIN, false))
        .compose(seen -> read.domains().find(organizationId, name, false))
        .compose(domain -> domain == null ? Future.failedFuture(Rejection.notFound("domain").failure()) : read.domains()
            .verifiedElsewhere(name, organizationId)
            .compose(taken -> taken ? Future.failedFuture(Rejection.conflict(name + " is verified by another organization").failure())
                : challenge.check(domain).recover(failure -> unavailable(name, failure)))
            .compose(found -> record(domain, found, userId, requestId)));
  }

  /**
   * Re-checks (at most {@code batch} of) the verified domains whose last check is older than {@code interval};
   * answers how many it checked.
   */
  Future<Integer> recheckDue(Duration interval, int batch) {
    Instant due = Times.now(clock).minus(interval);
    return storage.read().domains().dueForRecheck(due, batch).compose(domains -> {
      Future<Void> chain = Future.succeededFuture();
      for (Domain domain : domains) {
        chain = chain.compose(v -> (names.isPublicMail(domain.domain()) ? Future.succeededFuture(publicMail(domain)) : challenge.check(domain))
            .compose(found -> record(domain, found, null, null).<Void>mapEmpty().recover(outcome -> Future.succeededFuture()))
            .recover(failure -> unanswered(domain, failure)));
      }
      return chain.map(v -> domains.size());
    });
  }

  private static DnsChallenge.Found publicMail(Domain domain) {
    return new DnsChallenge.Found(false, domain.domain() + " is a public mail domain, which no organization can hold");
  }

  /**
   * A re-check the resolver couldn't answer is recorded too, so it goes back in the queue instead of being first again
   * (domains whose name servers are dead must not starve the others); after {@link #UNANSWERED_LIMIT} of nothing but
   * such checks the domain fails.
   */
  private Future<Void> unanswered(Domain checked, Throwable failure) {
    Instant now = Times.now(clock);
    UUID organizationId = checked.organizationId();
    String name = checked.domain();
    return storage.transaction(tables -> tables.domains().markUnanswered(checked, now).compose(since -> {
      if (since == null || since.isAfter(now.minus(UNANSWERED_LIMIT))) {
        log.warn("re-verification of {} could not ask DNS ({}); it stays verified, unanswered since {}", name, failure.getMessage(), since);
        return Future.<Void>succeededFuture();
      }
      log.warn("re-verification of {} has had no answer from DNS since {} ({}); it is failed", name, since, failure.getMessage());
      return tables.domains().markFailed(organizationId, name, now)
          .compose(v -> tables.auditLog().append(AuditEntry.of(organizationId, now, null, "domain.failed", null).with("domain", name)
              .with("found", "no answer from DNS since " + Times.text(since))));
    })).recover(error -> {
      log.warn("re-verification of {} could not record its unanswered check ({})", name, error.getMessage());
      return Future.succeededFuture();
    });
  }

  /** Writes what the lookup found, under a row lock; answers the domain, or fails with {@code domain_unverified}. */
  Future<JsonObject> record(Domain checked, DnsChallenge.Found found, UUID actor, String requestId) {
    Instant now = Times.now(clock);
    UUID organizationId = checked.organizationId();
    String name = checked.domain();
    return storage.transaction(tables -> tables.domains().find(organizationId, name, true).compose(domain -> {
      if (domain == null) {
        return Future.failedFuture(Rejection.notFound("domain").failure());
      }
      if (!domain.txtValue().equals(checked.txtValue())) {
        // removed and added again (with a new value) while the lookup ran: what it found says nothing about this claim
        return Future.failedFuture(Rejection.conflict(name + " was removed and added again while it was checked; verify it again").failure());
      }
      if (found.proven()) {
        Future<Void> logged = domain.status() == Domain.Status.VERIFIED ? Future.succeededFuture()
            : tables.auditLog().append(AuditEntry.of(organizationId, now, actor, "domain.verified", requestId).with("domain", name));
        return tables.domains().markVerified(organizationId, name, now).compose(v -> logged)
            .compose(v -> tables.domains().find(organizationId, name, false)).map(Domain::toJson);
      }
      Future<Void> failed = domain.status() != Domain.Status.VERIFIED ? Future.succeededFuture()
          : tables.domains().markFailed(organizationId, name, now)
              .compose(v -> tables.auditLog().append(AuditEntry.of(organizationId, now, actor, "domain.failed", requestId)
                  .with("domain", name).with("found", found.description())));
      return failed.map(v -> (JsonObject) null);
    })).compose(json -> json != null ? Future.succeededFuture(json) : Future.failedFuture(new Rejection(Codes.DOMAIN_UNVERIFIED,
        name + " is not verified: " + found.description() + ". Publish a TXT record " + checked.txtName() + " with the value "
            + checked.txtValue() + ", then verify again.", List.of()).failure()));
  }

  private static <T> Future<T> unavailable(String name, Throwable failure) {
    return Future.failedFuture(Rejection.of(Codes.UNAVAILABLE, "the DNS lookup for " + name + " failed (" + failure.getMessage()
        + "); nothing was changed, try again later").failure());
  }
}
