package io.atrium.platform;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The stable machine codes of API.md's problem documents, each with the HTTP status and title it answers with:
 * a code cannot exist without its status.
 */
public enum Codes {
  VALIDATION_FAILED("validation_failed", 400, "Bad Request"),
  /** The request line, headers or body broke the protocol or a size limit before any route saw it. */
  MALFORMED_REQUEST("malformed_request", 400, "Bad Request"),
  UNAUTHENTICATED("unauthenticated", 401, "Unauthorized"),
  INVALID_CREDENTIALS("invalid_credentials", 401, "Unauthorized"),
  SSO_REQUIRED("sso_required", 401, "Unauthorized"),
  /** Two-factor sign-in is on: the password step answers with an {@code mfaToken} to finish with a code. */
  MFA_REQUIRED("mfa_required", 401, "Unauthorized"),
  /** The organization requires two-factor sign-in of its members and the caller has none: the same code, 403. */
  MFA_ENROLMENT_REQUIRED("mfa_required", 403, "Forbidden"),
  /** An SSO callback whose state is missing, unknown, expired, used, from another browser or outlived its settings. */
  INVALID_STATE("invalid_state", 400, "Bad Request"),
  /** An SSO callback whose code, ID token or email failed a check; the detail says which. */
  SSO_FAILED("sso_failed", 401, "Unauthorized"),
  PAYMENT_METHOD_REQUIRED("payment_method_required", 402, "Payment Required"),
  INSUFFICIENT_CREDITS("insufficient_credits", 402, "Payment Required"),
  FORBIDDEN("forbidden", 403, "Forbidden"),
  INSUFFICIENT_ACCESS("insufficient_access", 403, "Forbidden"),
  NOT_FOUND("not_found", 404, "Not Found"),
  METHOD_NOT_ALLOWED("method_not_allowed", 405, "Method Not Allowed"),
  CONFLICT("conflict", 409, "Conflict"),
  LAST_OWNER("last_owner", 409, "Conflict"),
  /** Inherited workspace access is changed or removed at the organization, never at the workspace. */
  INHERITED_ACCESS("inherited_access", 409, "Conflict"),
  /** A domain whose DNS proof is missing: not (or no longer) verified by the organization that uses it. */
  DOMAIN_UNVERIFIED("domain_unverified", 409, "Conflict"),
  /** A workspace is not deleted while one of its top-ups is pending (its outcome would credit nobody). */
  TOP_UP_PENDING("top_up_pending", 409, "Conflict"),
  /** A workspace is not deleted while its credit balance is not zero. */
  BALANCE_NOT_ZERO("balance_not_zero", 409, "Conflict"),
  GONE("gone", 410, "Gone"),
  PAYLOAD_TOO_LARGE("payload_too_large", 413, "Content Too Large"),
  URI_TOO_LONG("uri_too_long", 414, "URI Too Long"),
  UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415, "Unsupported Media Type"),
  EXPECTATION_FAILED("expectation_failed", 417, "Expectation Failed"),
  IDEMPOTENCY_KEY_REUSED("idempotency_key_reused", 422, "Unprocessable Content"),
  RATE_LIMITED("rate_limited", 429, "Too Many Requests"),
  HEADERS_TOO_LARGE("headers_too_large", 431, "Request Header Fields Too Large"),
  INTERNAL("internal_error", 500, "Internal Server Error"),
  UNAVAILABLE("unavailable", 503, "Service Unavailable");

  // One machine string may name two statuses (mfa_required): a rejection read back from the event bus takes the first.
  private static final Map<String, Codes> BY_VALUE = Arrays.stream(values())
      .collect(Collectors.toMap(Codes::value, Function.identity(), (first, second) -> first));

  private final String value;
  private final int status;
  private final String title;

  Codes(String value, int status, String title) {
    this.value = value;
    this.status = status;
    this.title = title;
  }

  /** The machine string clients see in {@code code}. */
  public String value() {
    return value;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The code of this machine string; an unknown one (a newer peer's) is an internal error, never a guess. */
  public static Codes of(String value) {
    return BY_VALUE.getOrDefault(value, INTERNAL);
  }

  @Override
  public String toString() {
    return value;
  }
}
