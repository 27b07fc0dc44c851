package io.atrium.webhooks.internal;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Bus;
import io.atrium.platform.Dns;
import io.atrium.platform.PublicAddresses;
import io.atrium.platform.SecretCipher;
import io.atrium.platform.UnitOfWork;
import io.atrium.webhooks.WebhookAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Wires the webhooks context: serves {@link WebhookAddresses}, and builds the fan-out and the dispatcher. */
public final class WebhookEndpoints {

  private WebhookEndpoints() {}

  /**
   * Signing secrets are sealed with the SSO secrets' key ({@code sso.secretKey}): one more key for operators to keep
   * would protect nothing more, and the associated data ({@code webhook:<id>}) keeps the two kinds apart.
   */
  static SigningSecrets secrets(AtriumConfig config) {
    return new SigningSecrets(SecretCipher.fromConfig(config, "sso.secretKey", "webhook signing secrets"));
  }

  public static Future<Void> serve(Vertx vertx, Pool pool, AtriumConfig config, Clock clock) {
    WebhookAccess access = new WebhookAccess(new BusOrganizationLookups(vertx), new BusWorkspaceLookups(vertx));
    SigningSecrets secrets = secrets(config);
    WebhookUrls urls = new WebhookUrls(PublicAddresses.fromConfig(Dns.fromConfig(vertx, config), config));
    UnitOfWork<WebhookTables> storage = WebhookTables.postgres(pool);
    ManageWebhooks manage = new ManageWebhooks(storage, access, urls, secrets, clock, config.integer("webhooks.maxEndpointsPerOrganization"));
    ManualSends limit = new ManualSends(storage, clock, config.integer("webhooks.manualSendsPerMinute"));
    DeliveryLog log = new DeliveryLog(storage, access, clock, limit);
    Map<String, Function<JsonObject, Future<JsonObject>>> handlers = new LinkedHashMap<>();
    handlers.put(WebhookAddresses.CREATE, manage::create);
    handlers.put(WebhookAddresses.LIST, manage::list);
    handlers.put(WebhookAddresses.GET, manage::get);
    handlers.put(WebhookAddresses.CHANGE, manage::change);
    handlers.put(WebhookAddresses.DELETE, manage::delete);
    handlers.put(WebhookAddresses.ROTATE_SECRET, new RotateWebhookSecret(storage, access, secrets, clock)::rotate);
    handlers.put(WebhookAddresses.SEND_TEST, new SendTestEvent(storage, access, clock, limit)::send);
    handlers.put(WebhookAddresses.DELIVERIES, log::list);
    handlers.put(WebhookAddresses.REDELIVER, log::redeliver);
    return Bus.serveAll(vertx, handlers);
  }

  public static FanOut fanOut(Pool pool, Clock clock) {
    return new FanOut(WebhookTables.postgres(pool), clock);
  }

  public static PruneDeliveries pruning(Vertx vertx, Pool pool, Clock clock, DeliverySettings settings) {
    return new PruneDeliveries(vertx, WebhookTables.postgres(pool), clock, settings.retention());
  }

  public static Dispatcher dispatcher(Vertx vertx, Pool pool, AtriumConfig config, Clock clock, DeliverySettings settings) {
    UnitOfWork<WebhookTables> storage = WebhookTables.postgres(pool);
    Outcomes outcomes = new Outcomes(storage, new BusOrganizationLookups(vertx), settings.retryDelays(), settings.disableAfter());
    PublicAddresses addresses = PublicAddresses.fromConfig(Dns.fromConfig(vertx, config), config);
    return new Dispatcher(vertx, storage, clock, secrets(config), outcomes, settings, addresses::connectable, Dispatcher.clientOptions(settings));
  }
}
