package io.atrium.platform;

import java.time.Instant;

/** The statuses of an invitation (to an organization or a workspace), as stored and as shown. */
public final class InvitationStatus {

  public static final String PENDING = "pending";
  public static final String ACCEPTED = "accepted";
  public static final String DECLINED = "declined";
  public static final String REVOKED = "revoked";
  /** What a pending invitation past its expiry reads as; workspace also stores it when it replaces a lapsed one. */
  public static final String EXPIRED = "expired";

  private InvitationStatus() {}

  /** The stored status, or {@code expired} for a pending one past {@code expiresAt}. */
  public static String at(String stored, Instant expiresAt, Instant now) {
    return PENDING.equals(stored) && !now.isBefore(expiresAt) ? EXPIRED : stored;
  }
}
