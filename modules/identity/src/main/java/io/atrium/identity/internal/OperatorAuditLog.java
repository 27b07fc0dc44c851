package io.atrium.identity.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Port: the operator audit log, one entry per operator call, written before the call runs. */
interface OperatorAuditLog {

  /** One call: {@code body} is the request's JSON or null; {@code status} null until the call was answered. */
  record Entry(UUID id, Instant occurredAt, UUID userId, String email, String method, String path, String requestId,
               Object body, Integer status) {}

  /** Appends the entry (its status is not stored: a new entry has none). */
  Future<Void> append(Entry entry);

  /** Records the status the call was answered with, once. */
  Future<Void> ended(UUID id, int status);

  /** Up to {@code limit} entries, newest first, after {@code after} (null: from the newest). */
  Future<List<Entry>> page(Tokens.PageKey after, int limit);
}
