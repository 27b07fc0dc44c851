package io.atrium.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends plain-text mail over SMTP ({@code smtp.host}, {@code smtp.port}, from {@code mail.from}). With no
 * SMTP host configured (development), the mail is written to the log instead, tokens included, so a
 * developer can follow a link, and with {@code mail.devMailbox} (set by {@code ./atrium dev}) also kept in the
 * {@link DevMailbox}; never leave SMTP unset in production.
 */
public final class Mailer {

  private static final Logger log = LoggerFactory.getLogger(Mailer.class);

  private final MailClient client;
  private final String from;
  private final boolean devMailbox;
  private final Pool outbox;

  private Mailer(MailClient client, String from, boolean devMailbox, Pool outbox) {
    this.client = client;
    this.from = from;
    this.devMailbox = devMailbox;
    this.outbox = outbox;
  }

  /**
   * A mailer that queues each mail in the outbox (its own transaction) instead of sending it: the relay sends it,
   * retried until the SMTP server takes it. For code that has no transaction of its own to queue mail in.
   */
  public static Mailer viaOutbox(Pool pool) {
    return new Mailer(null, null, false, pool);
  }

  public static Mailer create(Vertx vertx, AtriumConfig config) {
    String host = config.string("smtp.host");
    MailClient client = host == null || host.isBlank() ? null : MailClient.createShared(vertx, new MailConfig()
        .setHostname(host)
        .setPort(config.integer("smtp.port"))
        .setStarttls(StartTLSOptions.OPTIONAL), "atrium-mail:" + host);
    return new Mailer(client, config.string("mail.from"), client == null && "true".equalsIgnoreCase(config.string("mail.devMailbox")), null);
  }

  /** The same mail to each of {@code recipients}; through the outbox, all queued in one transaction and one statement. */
  public Future<Void> sendAll(java.util.List<String> recipients, String subject, String text) {
    if (recipients.isEmpty()) {
      return Future.succeededFuture();
    }
    if (outbox != null) {
      return outbox.withTransaction(tx -> Outbox.mailAll(tx, recipients, subject, text));
    }
    return Future.all(recipients.stream().map(to -> send(to, subject, text)).toList()).mapEmpty();
  }

  public Future<Void> send(String to, String subject, String text) {
    if (outbox != null) {
      return outbox.withTransaction(tx -> Outbox.mail(tx, to, subject, text));
    }
    if (client == null) {
      log.info("mail (no SMTP configured) to {}: {}\n{}", to, subject, text);
      if (devMailbox) {
        DevMailbox.keep(new DevMailbox.DevMail(to, subject, text, java.time.Instant.now()));
      }
      return Future.succeededFuture();
    }
    MailMessage message = new MailMessage().setFrom(from).setTo(to).setSubject(subject).setText(text);
    return client.sendMail(message).<Void>mapEmpty()
        .onFailure(e -> log.warn("mail to {} ({}) failed: {}", to, subject, e.getMessage()));
  }
}
