package io.atrium.identity.internal;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;

import java.util.UUID;

/** Port: what identity asks the organization context. */
interface Organizations {

  /** Creates an organization owned by the user. */
  Future<Void> createOwnedBy(UUID ownerId, String name);

  /** The user's organizations as {@code [{id, name, role}]}. */
  Future<JsonArray> membershipsOf(UUID userId);
}
