package io.atrium.organization.internal;

import io.atrium.organization.OrganizationAddresses;
import io.atrium.organization.OrganizationEvents;
import io.atrium.organization.OrganizationRole;
import io.atrium.platform.Bus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

/**
 * Tells the rest of the platform about committed changes: publishes the events and asks the workspace
 * context's role replica, waiting for its reply so the caller's next request sees the change. A replica
 * that does not answer is logged, not failed: the change is committed and the replica resyncs from
 * {@link OrganizationAddresses#MEMBERSHIP_SNAPSHOT} when it starts.
 */
final class Announcer {

  private static final Logger log = LoggerFactory.getLogger(Announcer.class);

  private final Vertx vertx;

  Announcer(Vertx vertx) {
    this.vertx = vertx;
  }

  /** One member's role went from {@code previous} to {@code role}; either is null when there was or is none. */
  record Change(UUID organizationId, UUID userId, OrganizationRole role, OrganizationRole previous) {}

  Future<Void> created(Organization organization, Change ownership) {
    vertx.eventBus().publish(OrganizationEvents.CREATED,
        new JsonObject().put("organizationId", organization.id().toString()).put("name", organization.name()));
    return changed(List.of(ownership));
  }

  Future<Void> changed(List<Change> changes) {
    return Future.all(changes.stream().map(this::changed).toList()).mapEmpty();
  }

  Future<Void> deleted(UUID organizationId, List<UUID> formerMembers) {
    formerMembers.forEach(userId -> publish(new Change(organizationId, userId, null, null)));
    vertx.eventBus().publish(OrganizationEvents.DELETED, new JsonObject().put("organizationId", organizationId.toString()));
    return replicate(new JsonObject().put("organizationId", organizationId.toString()).put("deleted", true));
  }

  private Future<Void> changed(Change change) {
    publish(change);
    return replicate(new JsonObject()
        .put("organizationId", change.organizationId().toString())
        .put("userId", change.userId().toString())
        .put("role", OrganizationRole.textOf(change.role())));
  }

  private void publish(Change change) {
    vertx.eventBus().publish(OrganizationEvents.MEMBERSHIP_CHANGED, new JsonObject()
        .put("organizationId", change.organizationId().toString())
        .put("userId", change.userId().toString())
        .put("role", OrganizationRole.textOf(change.role()))
        .put("previousRole", OrganizationRole.textOf(change.previous())));
  }

  private Future<Void> replicate(JsonObject notice) {
    return Bus.request(vertx, OrganizationAddresses.ROLE_REPLICA, notice)
        .<Void>mapEmpty()
        .recover(failure -> {
          log.warn("role replica did not take {}: {}", notice, failure.getMessage());
          return Future.succeededFuture();
        });
  }
}
