package io.atrium.server.routes;

import io.atrium.billing.BillingAddresses;
import io.atrium.server.http.Paging;
import io.atrium.server.http.Replies;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * API.md "Billing", invoices: one invoice (JSON or PDF) and a workspace's invoices. The billing context decides who
 * sees what: an organization admin the whole invoice, a workspace admin only their workspace's lines, others 404.
 */
final class InvoiceRoutes {

  private InvoiceRoutes() {}

  static void mount(Router api, Contexts contexts, Handler<RoutingContext> auth, MfaGate gate) {
    // Before "/invoices/:invoiceId", which would take "<id>.pdf" as an id.
    api.get("/invoices/:invoiceId.pdf").handler(auth).handler(ctx -> pdf(ctx, contexts, gate));
    api.get("/invoices/:invoiceId").handler(auth).handler(ctx -> contexts.askAs(ctx, BillingAddresses.GET_INVOICE, invoice(ctx))
        .onSuccess(found -> gate.forWorkspaces(ctx, workspaces(found), () -> Replies.json(ctx, 200, Future.succeededFuture(found))))
        .onFailure(ctx::fail));
    api.get("/workspaces/:wsId/invoices").handler(auth).handler(ctx -> contexts.reply(ctx, 200,
        BillingAddresses.LIST_WORKSPACE_INVOICES, Paging.of(ctx).mergeIn(WorkspaceRoutes.workspace(ctx))));
  }

  /** The invoice is read first (as the caller may see it) for the workspaces the two-factor requirement is checked on. */
  private static void pdf(RoutingContext ctx, Contexts contexts, MfaGate gate) {
    contexts.askAs(ctx, BillingAddresses.GET_INVOICE, invoice(ctx))
        .onSuccess(found -> gate.forWorkspaces(ctx, workspaces(found), () ->
            contexts.askAs(ctx, BillingAddresses.GET_INVOICE_PDF, invoice(ctx))
                .onSuccess(rendered -> ctx.response().setStatusCode(200)
                    .putHeader("Content-Type", "application/pdf")
                    .putHeader("Content-Disposition", "inline; filename=\"" + rendered.getString("number") + ".pdf\"")
                    .end(Buffer.buffer(rendered.getBinary("pdf"))))
                .onFailure(ctx::fail)))
        .onFailure(ctx::fail);
  }

  /** The workspaces of the invoice's lines the caller may see: an organization's requireMfa reaches its invoices through them. */
  private static Set<String> workspaces(JsonObject invoice) {
    return invoice.getJsonArray("lines", new JsonArray()).stream()
        .map(line -> ((JsonObject) line).getString("workspaceId")).collect(Collectors.toSet());
  }

  private static JsonObject invoice(RoutingContext ctx) {
    return new JsonObject().put("invoiceId", Paths.uuid(ctx, "invoiceId"));
  }
}
