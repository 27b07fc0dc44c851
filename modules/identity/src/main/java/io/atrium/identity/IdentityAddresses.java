package io.atrium.identity;

/**
 * Event-bus addresses of the identity context. Requests and replies are JSON; ids are UUID strings and
 * timestamps RFC 3339 UTC strings. A "user" is {@code {id, email, name, emailVerified, createdAt}}; a
 * "profile" is {@code {id, email, name, emailVerified}}.
 * Invalid input is {@code validation_failed} naming the field.
 */
public final class IdentityAddresses {

  /** {@code {email, password, name}} → user, plus the user's own organization. {@code conflict} on {@code email}. */
  public static final String SIGN_UP = "identity.sign-up";

  /**
   * {@code {email, password, clientAddress?}} → {@code {token, expiresAt, user}}. {@code invalid_credentials}
   * alike for unknown email and wrong password; {@code rate_limited} with extension {@code retryAfter} seconds.
   */
  public static final String SIGN_IN = "identity.sign-in";

  /** {@code {token}} → {@code {userId, email, tokenId, kind}}; {@code unauthenticated} unless live. */
  public static final String AUTHENTICATE = "identity.authenticate";

  /** {@code {tokenId}} → {@code {}}; the token stops working at once. */
  public static final String SIGN_OUT = "identity.sign-out";

  /** {@code {userId}} → profile. */
  public static final String ME = "identity.me";

  /** {@code {userId, name?}} → profile. */
  public static final String UPDATE_ME = "identity.update-me";

  /**
   * {@code {userId, tokenId, currentPassword, newPassword}} → {@code {}}; ends the user's other sessions.
   * A wrong current password is {@code invalid_credentials} on {@code currentPassword}.
   */
  public static final String CHANGE_PASSWORD = "identity.change-password";

  /** {@code {userId, name, expiresAt?}} → {@code {id, name, token, createdAt, expiresAt}}. */
  public static final String CREATE_API_TOKEN = "identity.create-api-token";

  /** {@code {userId, limit?, cursor?}} → {@code {items:[{id, name, createdAt, expiresAt, lastUsedAt}], nextCursor}}. */
  public static final String LIST_API_TOKENS = "identity.list-api-tokens";

  /** {@code {userId, tokenId}} → {@code {}}; another user's or an unknown token is {@code not_found}. */
  public static final String REVOKE_API_TOKEN = "identity.revoke-api-token";

  /**
   * Served by the organization context, asked by sign-up once the user exists: {@code {userId, name}} →
   * {@code {id}} of the user's own organization ("&lt;name&gt;'s organization", owned by them). Declared here
   * so the dependency points from organization to identity. A failure undoes the sign-up.
   */
  public static final String USER_REGISTERED = "identity.user-registered";

  /** {@code {ids:[...]}} (at most 1000) → {@code {items:[{id, email, name}]}} for the ids that exist, in one query. */
  public static final String USERS_BY_IDS = "identity.users-by-ids";

  /** {@code {email}} (any case) → {@code {id, email, name}}, or {@code not_found}. */
  public static final String USER_BY_EMAIL = "identity.user-by-email";

  /** {@code {userId}} → {}: the user proved they own their address (e.g. by accepting an invitation sent to it). */
  public static final String MARK_EMAIL_VERIFIED = "identity.mark-email-verified";

  private IdentityAddresses() {}
}
