package io.atrium.organization;

/** Event-bus addresses of the organization context. Timestamps are RFC 3339 UTC strings. */
public final class OrganizationAddresses {

  /**
   * {@code {ownerId, name}} → {@code {id, name, createdAt}}; the owner becomes the organization's
   * {@code owner}. Rejects {@code validation_failed} on {@code ownerId} or {@code name} (1..200 after trim).
   */
  public static final String CREATE = "organization.create";

  /** {@code {userId}} → {@code {items:[{id, name, role}]}} ordered by name. */
  public static final String MEMBERSHIPS_OF_USER = "organization.memberships-of-user";

  private OrganizationAddresses() {}
}
