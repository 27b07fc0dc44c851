package io.atrium.billing.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.Codes;
import io.atrium.platform.PageCursor;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** An organization's invoice accounts; organization admin ({@code not_found} for non-members, as elsewhere). */
final class ListInvoiceAccounts {

  private final UnitOfWork<BillingTables> storage;
  private final BillingCollaborators collaborators;

  ListInvoiceAccounts(UnitOfWork<BillingTables> storage, BillingCollaborators collaborators) {
    this.storage = storage;
    this.collaborators = collaborators;
  }

  Future<JsonObject> list(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID organizationId = input.id("organizationId");
    int limit = input.limit();
    List<String> cursor = input.cursor(parts -> parts);
    Instant afterCreatedAt = cursor == null ? null : parseOr(input, () -> Times.parse(cursor.get(0)));
    UUID afterId = cursor == null ? null : parseOr(input, () -> UUID.fromString(cursor.get(1)));
    return input.validated()
        .compose(valid -> collaborators.organizations().roleOf(userId, organizationId))
        .compose(role -> role == null ? Future.failedFuture(Rejection.notFound("organization").failure())
            : !role.atLeast(OrganizationRole.ADMIN) ? Future.failedFuture(Rejection.of(Codes.INSUFFICIENT_ACCESS, "needs admin role").failure())
            : storage.read().invoiceAccounts().ofOrganization(organizationId, afterCreatedAt, afterId, limit + 1))
        .map(rows -> PageCursor.page(rows, limit, InvoiceAccount::toJson, a -> PageCursor.of(Times.text(a.createdAt()), a.id())));
  }

  private static <T> T parseOr(Input input, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (RuntimeException e) {
      return input.error(PageCursor.FIELD, PageCursor.MALFORMED);
    }
  }
}
