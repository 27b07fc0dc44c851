package io.atrium.worker.internal.ledger;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/**
 * One billing log row as the ledger writes it; {@code funding} is set on debits only. {@code payer} ("card" or
 * "invoice", with {@code invoiceAccountId}) is how the workspace paid when a consumption or usage debit was applied.
 */
public record Entry(UUID workspaceId, long seq, String type, long amount, long balanceAfter, String description,
    String reference, String sourceId, JsonObject funding, Instant occurredAt, byte[] hash, String payer, UUID invoiceAccountId) {}
