package io.atrium.billing.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.PageCursor;
import io.atrium.platform.Rejection;
import io.atrium.workspace.AccessLevel;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Who sees which invoice: an owner or admin of the account's organization sees all of it; whoever has billing access
 * (billing, admin or owner) to workspaces on it sees only those workspaces' lines, with subtotal, VAT and total of them
 * ({@link Invoice#onlyFor});
 * anyone else {@code not_found}, so invoice ids cannot be probed.
 */
final class ReadInvoices {

  private final Vertx vertx;
  private final UnitOfWork<BillingTables> storage;
  private final BillingCollaborators collaborators;
  private final BillingGuard guard;
  private final InvoicePdf pdf;

  ReadInvoices(Vertx vertx, UnitOfWork<BillingTables> storage, BillingCollaborators collaborators, InvoicePdf pdf) {
    this.vertx = vertx;
    this.storage = storage;
    this.collaborators = collaborators;
    this.guard = new BillingGuard(storage, collaborators);
    this.pdf = pdf;
  }

  Future<JsonObject> read(JsonObject request) {
    return visible(request).map(Invoice::toJson);
  }

  /** PDFBox blocks (fonts, streams): rendered on a worker thread. */
  Future<JsonObject> renderPdf(JsonObject request) {
    return visible(request).compose(invoice -> vertx.executeBlocking(() -> pdf.render(invoice))
        .map(bytes -> new JsonObject().put("number", invoice.number()).put("pdf", bytes)));
  }

  /** {@code GET /workspaces/{wsId}/invoices}: billing or admin; each invoice as that workspace's admin sees it. */
  Future<JsonObject> listForWorkspace(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    int limit = input.limit();
    List<String> cursor = input.cursor(parts -> parts);
    String beforeNumber = cursor == null || cursor.isEmpty() ? null : cursor.get(0);
    return input.validated()
        .compose(valid -> guard.require(userId, workspaceId, AccessLevel.BILLING))
        .compose(account -> storage.read().invoices().withWorkspace(workspaceId, beforeNumber, limit + 1))
        .map(invoices -> PageCursor.page(invoices, limit, invoice -> invoice.onlyFor(Set.of(workspaceId)).toJson(),
            invoice -> PageCursor.of(invoice.number())));
  }

  private Future<Invoice> visible(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID invoiceId = input.id("invoiceId");
    return input.validated()
        .compose(valid -> storage.read().invoices().byId(invoiceId))
        .compose(found -> found.isEmpty() ? notFound() : collaborators.organizations().roleOf(userId, found.get().organizationId())
            .compose(role -> role != null && role.atLeast(OrganizationRole.ADMIN) ? Future.succeededFuture(found.get())
                : administered(userId, found.get().workspaces()).compose(mine -> mine.isEmpty() ? notFound()
                    : Future.succeededFuture(found.get().onlyFor(mine)))));
  }

  /** The workspaces among {@code workspaces} whose billing the user manages; no access at all counts as none. */
  private Future<Set<UUID>> administered(UUID userId, Set<UUID> workspaces) {
    List<Future<UUID>> checks = new ArrayList<>();
    for (UUID workspace : workspaces) {
      checks.add(collaborators.workspaces().accessOf(userId, workspace)
          .map(level -> level != null && level.atLeast(AccessLevel.BILLING) ? workspace : null)
          .otherwise((UUID) null));
    }
    return Future.all(checks).map(all -> {
      Set<UUID> mine = new HashSet<>();
      checks.forEach(check -> {
        if (check.result() != null) {
          mine.add(check.result());
        }
      });
      return mine;
    });
  }

  private static <T> Future<T> notFound() {
    return Future.failedFuture(Rejection.notFound("invoice").failure());
  }
}
