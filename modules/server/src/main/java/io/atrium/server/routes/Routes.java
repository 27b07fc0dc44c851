package io.atrium.server.routes;

import io.atrium.platform.AtriumConfig;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Every context's routes, under {@code /api/v1}. */
public final class Routes {

  private Routes() {}

  public static void mount(Router api, Vertx vertx, AtriumConfig config, Handler<RoutingContext> auth) {
    Contexts contexts = new Contexts(vertx);
    IdentityRoutes.mount(api, contexts, auth);
    MeRoutes.mount(api, contexts, auth);
    OrganizationRoutes.mount(api, contexts, auth);
    WorkspaceRoutes.mount(api, contexts, auth);
    InvitationRoutes.mount(api, contexts, auth);
    ResourceRoutes.mount(api, contexts, auth);
    DomainRoutes.mount(api, contexts, auth);
    SsoRoutes.mount(api, contexts, auth, config);
    BillingRoutes.mount(api, contexts, auth);
    InvoiceRoutes.mount(api, contexts, auth);
    AdminRoutes.mount(api, contexts, auth);
  }
}
