package io.atrium.identity.internal;

import io.atrium.platform.PageCursor;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Platform operators: users whose email is in config {@code operators}, once that email is verified and
 * two-factor sign-in is on. Every call they make is written to the operator audit log before it runs.
 */
final class AuthorizeOperators {

  private static final Rejection NOT_AN_OPERATOR = Rejection.of(Codes.FORBIDDEN,
      "Only platform operators may do this (a listed email counts once it is verified and two-factor sign-in is on)");
  private static final Rejection NOT_PROVEN = Rejection.of(Codes.FORBIDDEN,
      "Operators call with a session that proved the second factor (POST /sessions, then POST /sessions/mfa); "
          + "API tokens and other sessions are refused here");
  private static final int MAX_BODY_CHARS = 8192;

  private final UnitOfWork<IdentityTables> storage;
  private final Set<String> emails;
  private final Clock clock;

  AuthorizeOperators(UnitOfWork<IdentityTables> storage, List<String> operators, Clock clock) {
    this.storage = storage;
    this.emails = operators.stream().map(User::normalize).collect(Collectors.toUnmodifiableSet());
    this.clock = clock;
  }

  /**
   * {@code {userId, tokenId, method, path, requestId?, body?}} → {@code {email, entryId}} once the call is logged;
   * {@code forbidden} for anyone who is not an operator (or not yet a proven one), and for a token other than a
   * session opened through {@code POST /sessions/mfa}.
   */
  Future<JsonObject> authorize(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.uuid("userId");
    UUID tokenId = input.uuid("tokenId");
    String method = input.text("method", 1, 16);
    String path = input.text("path", 1, 2048);
    IdentityTables tables = storage.read();
    return input.validated().compose(valid -> tables.users().byId(userId)).compose(user -> {
      if (user.isEmpty() || !user.get().emailVerified() || !emails.contains(User.normalize(user.get().email()))) {
        return Future.failedFuture(NOT_AN_OPERATOR.failure());
      }
      return tables.secondFactors().state(userId).compose(state -> state.isEmpty() || state.get().enabledAt() == null
          ? Future.failedFuture(NOT_AN_OPERATOR.failure())
          : tables.tokens().provenSession(tokenId, userId).compose(proven -> !proven
              ? Future.failedFuture(NOT_PROVEN.failure())
              : log(tables.operatorAuditLog(), user.get(), method, path, request)));
    });
  }

  /** {@code {entryId, status}} → {}: the status the call was answered with. */
  Future<JsonObject> ended(JsonObject request) {
    Input input = new Input(request);
    UUID entryId = input.uuid("entryId");
    int status = input.integer("status", 100, 599, 0);
    return input.validated().compose(valid -> storage.read().operatorAuditLog().ended(entryId, status)).map(done -> new JsonObject());
  }

  /** {@code {limit?, cursor?}} → page of entries, newest first. The caller was authorized (and logged) by {@link #authorize}. */
  Future<JsonObject> list(JsonObject request) {
    Input input = new Input(request);
    int limit = input.integer("limit", 1, 200, 50);
    Tokens.PageKey after = input.cursor(Tokens.PageKey::of);
    return input.validated()
        .compose(valid -> storage.read().operatorAuditLog().page(after, limit + 1))
        .map(page -> {
          List<OperatorAuditLog.Entry> items = page.size() > limit ? page.subList(0, limit) : page;
          OperatorAuditLog.Entry last = items.isEmpty() ? null : items.get(items.size() - 1);
          return new JsonObject()
              .put("items", new JsonArray(items.stream().map(AuthorizeOperators::entry).toList()))
              .put("nextCursor", page.size() > limit ? PageCursor.of(last.occurredAt(), last.id()).encode() : null);
        });
  }

  private Future<JsonObject> log(OperatorAuditLog log, User operator, String method, String path, JsonObject request) {
    UUID id = UUID.randomUUID();
    Instant now = Times.now(clock);
    Object body = request.getValue("body") instanceof JsonObject json && json.encode().length() <= MAX_BODY_CHARS ? json : null;
    return log.append(new OperatorAuditLog.Entry(id, now, operator.id(), operator.email(), method.toUpperCase(Locale.ROOT), path,
            request.getString("requestId"), body, null))
        .map(done -> new JsonObject().put("email", operator.email()).put("entryId", id.toString()));
  }

  private static JsonObject entry(OperatorAuditLog.Entry entry) {
    return new JsonObject()
        .put("id", entry.id().toString())
        .put("occurredAt", Times.text(entry.occurredAt()))
        .put("userId", entry.userId().toString())
        .put("email", entry.email())
        .put("method", entry.method())
        .put("path", entry.path())
        .put("requestId", entry.requestId())
        .put("body", entry.body())
        .put("status", entry.status());
  }
}
