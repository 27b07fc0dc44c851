package io.atrium.identity.internal;

import io.vertx.core.Future;

import java.util.UUID;

/** Port: whoever gives a new user their own organization (the organization context, over the event bus). */
interface PersonalOrganizations {

  Future<Void> createFor(UUID userId, String userName);
}
