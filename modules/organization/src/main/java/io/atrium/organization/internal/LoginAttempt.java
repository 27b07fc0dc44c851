package io.atrium.organization.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * One SSO login in flight: started by one browser (the hash of its cookie), for one organization's
 * provider as it was configured then; single-use and short-lived. State and cookie are kept as hashes only.
 */
record LoginAttempt(UUID id, byte[] stateHash, byte[] browserHash, UUID organizationId, UUID configurationVersion,
                    String issuer, String nonce, String codeVerifier, Instant createdAt, Instant expiresAt, Instant usedAt) {}
