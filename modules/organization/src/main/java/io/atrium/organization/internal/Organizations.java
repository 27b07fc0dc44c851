package io.atrium.organization.internal;

import io.vertx.core.Future;

import java.util.UUID;

/** Port: the stored organizations. */
interface Organizations {

  /** Stores a new organization together with its first member, the owner, in one transaction. */
  Future<Void> createWithOwner(Organization organization, UUID ownerId);
}
