package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.vertx.core.Future;

import java.util.UUID;

/** Who may do what in an organization: not a member is {@code not_found}, too low a role {@code insufficient_access}. */
final class RoleChecks {

  private RoleChecks() {}

  /** The organization as the caller sees it, when their role is at least {@code minimum}. */
  static Future<Organization.Seen> require(Organizations organizations, UUID organizationId, UUID userId, OrganizationRole minimum, boolean lock) {
    return organizations.seenBy(organizationId, userId, lock).compose(seen -> {
      if (seen == null) {
        return Future.failedFuture(Rejection.notFound("organization").failure());
      }
      return seen.role().atLeast(minimum) ? Future.succeededFuture(seen)
          : insufficient("needs the " + minimum.text() + " role");
    });
  }

  /** Nobody grants, changes to or removes a role above their own. */
  static Future<Void> mayHandle(OrganizationRole own, OrganizationRole other) {
    return other.above(own) ? insufficient("cannot act on the " + other.text() + " role with the " + own.text() + " role")
        : Future.succeededFuture();
  }

  /** The last owner can be neither removed nor demoted. */
  static Future<Void> notLastOwner(Memberships memberships, UUID organizationId, Member member) {
    if (member.role() != OrganizationRole.OWNER) {
      return Future.succeededFuture();
    }
    return memberships.countOwners(organizationId).compose(owners -> owners > 1 ? Future.<Void>succeededFuture()
        : Future.failedFuture(Rejection.of(Codes.LAST_OWNER, "an organization keeps at least one owner").failure()));
  }

  static <T> Future<T> insufficient(String detail) {
    return Future.failedFuture(Rejection.of(Codes.INSUFFICIENT_ACCESS, detail).failure());
  }
}
