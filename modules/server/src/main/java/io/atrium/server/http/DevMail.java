package io.atrium.server.http;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.DevMailbox;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code GET /dev/mail[?to=address]}: the mail {@code ./atrium dev} kept instead of sending it (no SMTP), newest
 * first, for the console's "Mail (dev)" page and for scripts that need a mailed token. Mounted only when
 * {@code mail.devMailbox} is on, which only {@code ./atrium dev} without an SMTP host does; outside
 * {@code /api/v1}, as it is a development aid and not part of the API.
 */
final class DevMail {

  private DevMail() {}

  static void mountIfEnabled(Router root, AtriumConfig config) {
    boolean smtp = config.string("smtp.host") != null && !config.string("smtp.host").isBlank();
    if (smtp || !"true".equalsIgnoreCase(config.string("mail.devMailbox"))) {
      return;
    }
    root.get("/dev/mail").handler(ctx -> {
      JsonArray items = new JsonArray();
      DevMailbox.newestFirst(ctx.request().getParam("to")).forEach(mail -> items.add(new JsonObject()
          .put("to", mail.to()).put("subject", mail.subject()).put("text", mail.text()).put("sentAt", mail.sentAt().toString())));
      ctx.response().putHeader("Cache-Control", "no-store");
      ctx.json(new JsonObject().put("items", items));
    });
  }
}
