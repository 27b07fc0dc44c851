package io.atrium.organization.internal;

import io.vertx.core.Future;

import java.util.UUID;

/** Port: each organization's single sign-on configuration and the email domains it claims. */
interface SsoConfigurations {

  /** The organization's configuration, or null. */
  Future<SsoConfiguration> find(UUID organizationId);

  /** The configuration whose domains include this one (lower case) verified by its organization, or null. */
  Future<SsoConfiguration> byDomain(String domain);

  /** Inserts or replaces it with its domains (the caller checked they are the organization's verified ones). */
  Future<Void> save(SsoConfiguration configuration);

  /** Whether there was one to delete. */
  Future<Boolean> delete(UUID organizationId);
}
