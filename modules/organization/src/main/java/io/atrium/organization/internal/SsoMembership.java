package io.atrium.organization.internal;

import io.atrium.platform.UnitOfWork;
import io.atrium.platform.AuditEntry;
import io.atrium.platform.Times;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Membership by single sign-on: a user the provider vouches for joins with the configured default role,
 * unless an admin removed them (that removal holds until they are invited again). An existing member keeps
 * their role: the provider's word does not change roles. Announced like every membership change.
 */
final class SsoMembership {

  private final UnitOfWork<OrganizationTables> storage;
  private final Announcer announcer;
  private final Clock clock;

  SsoMembership(UnitOfWork<OrganizationTables> storage, Announcer announcer, Clock clock) {
    this.storage = storage;
    this.announcer = announcer;
    this.clock = clock;
  }

  /** Completes once the user is a member; {@code forbidden} when an admin removed them. */
  Future<Void> ensure(SsoConfiguration configuration, UUID userId) {
    UUID organizationId = configuration.organizationId();
    Instant now = Times.now(clock);
    return storage.<Announcer.Change>transaction(tables -> tables.memberships().find(organizationId, userId).compose(member -> {
      if (member != null) {
        return Future.succeededFuture(null);
      }
      return tables.memberships().wasRemoved(organizationId, userId).compose(removed -> removed
          ? Future.failedFuture(Rejection.of(Codes.FORBIDDEN,
              "an administrator removed you from this organization; ask them to invite you again").failure())
          : tables.memberships().insert(organizationId, new Member(userId, configuration.defaultRole(), now))
              .compose(joined -> tables.auditLog().append(AuditEntry.of(organizationId, now, userId, "member.joined_via_sso", null)
                  .aboutUser(userId).with("role", configuration.defaultRole().text()).with("issuer", configuration.issuer())))
              .map(logged -> new Announcer.Change(organizationId, userId, configuration.defaultRole(), null)));
    })).compose(change -> change == null ? Future.succeededFuture() : announcer.changed(List.of(change)));
  }
}
