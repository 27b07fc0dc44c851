package io.atrium.organization.internal;

import io.vertx.core.Future;

import java.util.List;
import java.util.UUID;

/** Port: who belongs to which organization. */
interface Memberships {

  /** The user's memberships, ordered by organization name. */
  Future<List<Membership>> ofUser(UUID userId);
}
