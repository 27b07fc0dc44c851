package io.atrium.server.routes;

import io.atrium.platform.AtriumConfig;
import io.atrium.server.http.ProcessCaches;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Every context's routes, under {@code /api/v1}. */
public final class Routes {

  private Routes() {}

  public static void mount(Router api, Vertx vertx, AtriumConfig config, Handler<RoutingContext> auth, ProcessCaches caches) {
    Contexts contexts = new Contexts(vertx);
    // Before every organization's and workspace's routes: a member without two-factor sign-in where it is required.
    MfaGate gate = MfaGate.mount(api, contexts, auth, caches);
    IdentityRoutes.mount(api, contexts, auth);
    MeRoutes.mount(api, contexts, auth);
    OrganizationRoutes.mount(api, contexts, auth);
    WorkspaceRoutes.mount(api, contexts, auth);
    InvitationRoutes.mount(api, contexts, auth);
    ResourceRoutes.mount(api, contexts, auth);
    DomainRoutes.mount(api, contexts, auth);
    SsoRoutes.mount(api, contexts, auth, config);
    BillingRoutes.mount(api, contexts, auth);
    WebhookRoutes.mount(api, contexts, auth);
    InvoiceRoutes.mount(api, contexts, auth, gate);
    AccountSecurityRoutes.mount(api, contexts, auth);
    OperatorRoutes.mount(api, contexts, auth);
    AdminRoutes.mount(api, contexts, auth);
  }
}
