package io.atrium.workspace.internal;

import io.atrium.platform.Times;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: a workspace's resources and the history of their states, which billing reads to bill the hours they ran. */
interface Resources {

  /** Where a page of resources continues: after this (createdAt, id), oldest first. */
  record PageKey(Instant createdAt, UUID id) {
    static PageKey of(List<String> parts) {
      return new PageKey(Times.parse(parts.get(0)), UUID.fromString(parts.get(1)));
    }
  }

  /** Stores the resource and its first state change. */
  Future<Void> insert(Resource resource);

  /** The live (not deleted) resource of the workspace. */
  Future<Optional<Resource>> byId(UUID workspaceId, UUID resourceId);

  /** Moves a live resource from one state to another and records the change; empty when it was not in {@code from}. */
  Future<Optional<Resource>> transition(Resource resource, String from, String to, Instant at);

  /** Soft-deletes a live resource and records it; false when it was already gone. */
  Future<Boolean> delete(Resource resource, Instant at);

  Future<List<Resource>> page(UUID workspaceId, PageKey after, int limit);

  Future<Integer> countLive(UUID workspaceId);

  /** One resource that ran in an hour, with what billing needs to charge it. */
  record Ran(UUID resourceId, UUID workspaceId, UUID organizationId, String currency, String plan, long hourlyPriceMicros) {}

  /** Moves every live resource of the workspace in state {@code from} to {@code to}, recording each change; the moved ones. */
  Future<List<Resource>> moveAll(UUID workspaceId, String from, String to, Instant at);

  /** Resources (deleted ones too) that were running at any moment in [from, to), by id, after {@code after} (null: from the start). */
  Future<List<Ran>> ranIn(Instant from, Instant to, UUID after, int limit);
}
