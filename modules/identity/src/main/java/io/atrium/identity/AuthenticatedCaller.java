package io.atrium.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * Who a bearer token belongs to: the user (with their email and name, as {@code GET /me} shows them), the token
 * ({@code session} or {@code api}) and until when it lives (null: no expiry), whether the email is verified and
 * two-factor sign-in on.
 */
public record AuthenticatedCaller(UUID userId, String email, String name, UUID tokenId, String tokenKind, boolean emailVerified,
                                  boolean mfaEnabled, Instant expiresAt) {}
