package io.atrium.identity.internal;

import io.atrium.platform.PageCursor;
import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Platform operators: users whose email is in config {@code operators}, once that email is verified and
 * two-factor sign-in is on. Every call they make is written to the operator audit log before it runs.
 */
final class OperatorAudit {

  private static final Rejection NOT_AN_OPERATOR = Rejection.of(Codes.FORBIDDEN,
      "Only platform operators may do this (a listed email counts once it is verified and two-factor sign-in is on)");
  private static final Rejection NOT_PROVEN = Rejection.of(Codes.FORBIDDEN,
      "Operators call with a session that proved the second factor (POST /sessions, then POST /sessions/mfa); "
          + "API tokens and other sessions are refused here");
  // API tokens (made without the second factor, and long-lived) never reach operator routes.
  private static final String PROVEN_SESSION = """
      SELECT 1 FROM identity.tokens WHERE id = $1 AND user_id = $2 AND kind = 'session' AND second_factor AND revoked_at IS NULL""";
  private static final int MAX_BODY_CHARS = 8192;
  private static final String INSERT = """
      INSERT INTO identity.operator_audit (id, occurred_at, user_id, email, method, path, request_id, body)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";
  private static final String ENDED = "UPDATE identity.operator_audit SET status = $2 WHERE id = $1 AND status IS NULL";
  private static final String PAGE = """
      SELECT id, occurred_at, user_id, email, method, path, request_id, body, status FROM identity.operator_audit
       WHERE ($1::timestamptz IS NULL OR (occurred_at, id) < ($1, $2)) ORDER BY occurred_at DESC, id DESC LIMIT $3""";

  private final Users users;
  private final SqlTwoFactor twoFactor;
  private final Pool pool;
  private final Set<String> emails;
  private final Clock clock;

  OperatorAudit(Users users, SqlTwoFactor twoFactor, Pool pool, List<String> operators, Clock clock) {
    this.users = users;
    this.twoFactor = twoFactor;
    this.pool = pool;
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
    return input.validated().compose(valid -> users.byId(userId)).compose(user -> {
      if (user.isEmpty() || !user.get().emailVerified() || !emails.contains(User.normalize(user.get().email()))) {
        return Future.failedFuture(NOT_AN_OPERATOR.failure());
      }
      return twoFactor.state(userId).compose(state -> state.isEmpty() || state.get().enabledAt() == null
          ? Future.failedFuture(NOT_AN_OPERATOR.failure())
          : pool.preparedQuery(PROVEN_SESSION).execute(Tuple.of(tokenId, userId)).compose(rows -> rows.size() == 0
              ? Future.failedFuture(NOT_PROVEN.failure())
              : log(user.get(), method, path, request)));
    });
  }

  /** {@code {entryId, status}} → {}: the status the call was answered with. */
  Future<JsonObject> ended(JsonObject request) {
    Input input = new Input(request);
    UUID entryId = input.uuid("entryId");
    int status = input.integer("status", 100, 599, 0);
    return input.validated().compose(valid -> pool.preparedQuery(ENDED).execute(Tuple.of(entryId, status))).map(done -> new JsonObject());
  }

  /** {@code {limit?, cursor?}} → page of entries, newest first. The caller was authorized (and logged) by {@link #authorize}. */
  Future<JsonObject> list(JsonObject request) {
    Input input = new Input(request);
    int limit = input.integer("limit", 1, 200, 50);
    Tokens.PageKey after = input.cursor(Tokens.PageKey::of);
    return input.validated()
        .compose(valid -> pool.preparedQuery(PAGE).execute(Tuple.of(after == null ? null : Times.toDb(after.createdAt()),
            after == null ? null : after.id(), limit + 1)))
        .map(rows -> {
          List<Row> page = StreamSupport.stream(rows.spliterator(), false).toList();
          List<Row> items = page.size() > limit ? page.subList(0, limit) : page;
          Row last = items.isEmpty() ? null : items.get(items.size() - 1);
          return new JsonObject()
              .put("items", new JsonArray(items.stream().map(OperatorAudit::entry).toList()))
              .put("nextCursor", page.size() > limit
                  ? PageCursor.of(Times.fromDb(last, "occurred_at"), last.getUUID("id")).encode() : null);
        });
  }

  private Future<JsonObject> log(User operator, String method, String path, JsonObject request) {
    UUID id = UUID.randomUUID();
    Instant now = Times.now(clock);
    Object body = request.getValue("body") instanceof JsonObject json && json.encode().length() <= MAX_BODY_CHARS ? json : null;
    return pool.preparedQuery(INSERT)
        .execute(Tuple.of(id, Times.toDb(now), operator.id(), operator.email(), method.toUpperCase(Locale.ROOT), path,
            request.getString("requestId"), body))
        .map(done -> new JsonObject().put("email", operator.email()).put("entryId", id.toString()));
  }

  private static JsonObject entry(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("occurredAt", Times.text(Times.fromDb(row, "occurred_at")))
        .put("userId", row.getUUID("user_id").toString())
        .put("email", row.getString("email"))
        .put("method", row.getString("method"))
        .put("path", row.getString("path"))
        .put("requestId", row.getString("request_id"))
        .put("body", row.getValue("body"))
        .put("status", row.getInteger("status"));
  }
}
