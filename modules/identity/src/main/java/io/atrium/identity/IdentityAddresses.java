package io.atrium.identity;

/**
 * Event-bus addresses of the identity context. Requests and replies are JSON; ids are UUID strings and
 * timestamps RFC 3339 UTC strings. A "user" is {@code {id, email, name, emailVerified, createdAt}}; a
 * "profile" is {@code {id, email, name, emailVerified, mfaEnabled}}.
 * Invalid input is {@code validation_failed} naming the field.
 */
public final class IdentityAddresses {

  /** {@code {email, password, name}} → user, plus the user's own organization. {@code conflict} on {@code email}. */
  public static final String SIGN_UP = "identity.sign-up";

  /**
   * {@code {email, password, clientAddress?}} → {@code {token, expiresAt, user}}. {@code invalid_credentials}
   * alike for unknown email and wrong password; {@code rate_limited} with extension {@code retryAfter} seconds;
   * {@code sso_required} with extension {@code loginUrl} when the email's organization enforces single sign-on
   * (asked at {@link #SSO_POLICY} before the password is checked; the attempt still counts as a failure);
   * {@code mfa_required} with extensions {@code mfaToken} and {@code mfaTokenExpiresAt} (5 minutes) when the
   * password is right and two-factor sign-in is on: finish at {@link #SIGN_IN_MFA}.
   */
  public static final String SIGN_IN = "identity.sign-in";

  /** {@code {token}} → {@code {userId, email, tokenId, kind, emailVerified, mfaEnabled}}; {@code unauthenticated} unless live. */
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

  /**
   * {@code {userId, name, expiresAt?}} → {@code {id, name, token, createdAt, expiresAt}}; {@code forbidden} while the
   * email is unverified.
   */
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

  /**
   * Served by the organization context, asked by password sign-in: {@code {email}} →
   * {@code {enforced, organizationId?, loginUrl?}}, {@code enforced} true when an organization whose SSO
   * covers the email's domain enforces it. Declared here so the dependency points from organization to identity.
   */
  public static final String SSO_POLICY = "identity.sso-policy";

  /**
   * {@code {email, name}} of an email an organization's provider verified → user: the one with that email (any
   * case), or a new one without a usable password (they sign in by SSO, or set one by a reset later). Either way
   * the email is marked verified. Only the organization context asks, after checking the provider's ID token.
   */
  public static final String SSO_USER = "identity.sso-user";

  /** {@code {userId}} → {@code {token, expiresAt, user}}: a session for a user SSO has signed in. */
  public static final String SSO_SESSION = "identity.sso-session";

  /** {@code {token}} → user with {@code emailVerified: true}; {@code gone} when the token is unknown, expired or used. */
  public static final String VERIFY_EMAIL = "identity.verify-email";

  /** {@code {userId}} → {}: mails a new verification link; {@code conflict} if verified, {@code rate_limited} past the limit. */
  public static final String SEND_VERIFICATION_MAIL = "identity.send-verification-mail";

  /** {@code {email, clientAddress?}} → {} whether or not the account exists; {@code rate_limited} per email and client. */
  public static final String REQUEST_PASSWORD_RESET = "identity.request-password-reset";

  /**
   * {@code {token, newPassword}} → {}: sets the password, ends every session, API token and open two-factor challenge
   * (and drops TOTP enrolled while the email was unverified); {@code gone} for a bad token.
   */
  public static final String CONFIRM_PASSWORD_RESET = "identity.confirm-password-reset";

  /**
   * {@code {userId}} → {@code {secret, otpauthUri}}: starts TOTP enrolment; {@code conflict} when it is on,
   * {@code forbidden} while the email is unverified.
   */
  public static final String ENROL_TOTP = "identity.enrol-totp";

  /** {@code {userId, code}} → {@code {recoveryCodes}}: turns two-factor sign-in on; a wrong code is invalid on {@code code}. */
  public static final String CONFIRM_TOTP = "identity.confirm-totp";

  /** {@code {userId, code | recoveryCode}} → {}: turns two-factor sign-in off; a wrong one is invalid on that field. */
  public static final String DISABLE_TOTP = "identity.disable-totp";

  /**
   * {@code {mfaToken, code | recoveryCode}} → {@code {token, expiresAt, user}}. {@code unauthenticated} for an
   * unknown, expired or used mfaToken; {@code invalid_credentials} for a wrong or reused code; {@code rate_limited}.
   */
  public static final String SIGN_IN_MFA = "identity.sign-in-mfa";

  /**
   * {@code {userId, tokenId, method, path, requestId?, body?}} → {@code {email, entryId}}: the caller is a platform
   * operator (email in config {@code operators}, verified, two-factor on, calling with a session opened through
   * {@link #SIGN_IN_MFA}) and the call is in the operator audit log; otherwise {@code forbidden}.
   */
  public static final String AUTHORIZE_OPERATOR = "identity.authorize-operator";

  /** {@code {entryId, status}} → {}: the HTTP status an operator call was answered with. */
  public static final String OPERATOR_CALL_ENDED = "identity.operator-call-ended";

  /** {@code {limit?, cursor?}} → page of {@code {id, occurredAt, userId, email, method, path, requestId, body, status}}. */
  public static final String OPERATOR_AUDIT_LOG = "identity.operator-audit-log";

  private IdentityAddresses() {}
}
