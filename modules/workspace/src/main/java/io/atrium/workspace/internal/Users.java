package io.atrium.workspace.internal;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Port: the identity context's users, asked over the event bus. */
interface Users {

  /** {@code {id, email, name}} of each id that exists, in ONE request. */
  Future<Map<UUID, JsonObject>> byIds(Collection<UUID> ids);

  Future<Optional<JsonObject>> byEmail(String email);

  Future<Void> markEmailVerified(UUID userId);
}
