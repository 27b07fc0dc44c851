package io.atrium.platform;

/** The stable machine codes of API.md's problem documents. */
public final class Codes {
  public static final String VALIDATION_FAILED = "validation_failed";
  public static final String UNAUTHENTICATED = "unauthenticated";
  public static final String INVALID_CREDENTIALS = "invalid_credentials";
  public static final String FORBIDDEN = "forbidden";
  public static final String INSUFFICIENT_ACCESS = "insufficient_access";
  public static final String NOT_FOUND = "not_found";
  public static final String CONFLICT = "conflict";
  public static final String GONE = "gone";
  public static final String LAST_OWNER = "last_owner";
  public static final String INHERITED_ACCESS = "inherited_access";
  public static final String RATE_LIMITED = "rate_limited";
  public static final String SSO_REQUIRED = "sso_required";
  /**
   * Two-factor sign-in is needed: at sign-in (401, with {@code mfaToken}) for a user who has it on; on an
   * organization's routes (403, the detail saying how to enrol) for a member without it where it is required.
   */
  public static final String MFA_REQUIRED = "mfa_required";
  /** An SSO callback whose state is missing, unknown, expired, used, from another browser or outlived its settings. */
  public static final String INVALID_STATE = "invalid_state";
  /** An SSO callback whose code, ID token or email failed a check; the detail says which. */
  public static final String SSO_FAILED = "sso_failed";
  /** A domain whose DNS proof is missing: not (or no longer) verified by the organization that uses it. */
  public static final String DOMAIN_UNVERIFIED = "domain_unverified";
  public static final String PAYMENT_METHOD_REQUIRED = "payment_method_required";
  public static final String INSUFFICIENT_CREDITS = "insufficient_credits";
  /** A workspace is not deleted while one of its top-ups is pending (its outcome would credit nobody). */
  public static final String TOP_UP_PENDING = "top_up_pending";
  /** A workspace is not deleted while its credit balance is not zero. */
  public static final String BALANCE_NOT_ZERO = "balance_not_zero";
  public static final String IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused";
  public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
  public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
  public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
  public static final String UNAVAILABLE = "unavailable";
  public static final String INTERNAL = "internal_error";

  private Codes() {}
}
