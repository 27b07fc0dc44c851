package io.atrium.organization;

/** Domain events the organization context publishes on the event bus after each change commits. */
public final class OrganizationEvents {

  /** {@code {organizationId, userId, role, previousRole}}; {@code role} null when the member left or was removed. */
  public static final String MEMBERSHIP_CHANGED = "organization.membership-changed";

  /** {@code {organizationId, name}} after it was created (its creator's membership comes as MEMBERSHIP_CHANGED). */
  public static final String CREATED = "organization.created";

  /** {@code {organizationId}} after it was deleted. */
  public static final String DELETED = "organization.deleted";

  private OrganizationEvents() {}
}
