package io.atrium.platform;

import io.atrium.platform.internal.OutboxStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;

import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The transactional outbox (DESIGN.md invariant 3): a message is appended in the transaction of the
 * state change it announces, so it is published if and only if that transaction commits.
 * {@link OutboxRelay} publishes it later.
 */
public final class Outbox {

  /** The platform schema (the outbox table). The server applies it before the contexts' changelogs. */
  public static final Migrations.Changelog CHANGELOG = new Migrations.Changelog("platform", "db/platform/changelog.yaml");

  /** The pseudo-exchange of mail rows: the relay sends them over SMTP instead of publishing them. */
  public static final String MAIL = "mail";

  /** How long a parked mail row is kept: the longest validity of a token a mail carries (7 days). */
  public static final java.time.Duration PARKED_MAIL_KEPT = java.time.Duration.ofDays(7);

  private static volatile SecretCipher mailCipher;

  private Outbox() {}

  /**
   * Sets the key queued mail text is sealed with ({@code outbox.secretKey}, required like the other secret keys);
   * every {@link OutboxRelay} calls it when built, before anything is queued, and fails without it. Mail carries tokens (invitations, verification, password reset), so its
   * text is never stored in clear.
   */
  public static void useKey(AtriumConfig config) {
    mailCipher = SecretCipher.fromConfig(config, "outbox.secretKey", "queued mail");
  }

  private static SecretCipher mailCipher() {
    SecretCipher cipher = mailCipher;
    if (cipher == null) {
      throw new IllegalStateException("no outbox.secretKey in this process: mail cannot be queued or sent (an OutboxRelay sets it)");
    }
    return cipher;
  }

  /** Writes the message in the caller's transaction {@code tx}; nothing is sent until it commits. */
  public static Future<Void> append(SqlClient tx, OutboxMessage message) {
    return OutboxStore.insert(tx, message);
  }

  /** Writes the messages in {@code tx} like {@link #append}, in one statement (a row each, in the list's order). */
  public static Future<Void> appendAll(SqlClient tx, List<OutboxMessage> messages) {
    return messages.isEmpty() ? Future.succeededFuture() : messages.size() == 1 ? append(tx, messages.get(0)) : OutboxStore.insertAll(tx, messages);
  }

  /**
   * Queues a plain-text mail in the caller's transaction {@code tx}: it goes out after the commit, retried until
   * the SMTP server takes it, and never while the transaction holds its locks.
   */
  public static Future<Void> mail(SqlClient tx, String to, String subject, String text) {
    return append(tx, mailMessage(to, subject, text));
  }

  /** The same mail to each of {@code recipients} (a row each), queued like {@link #mail} in one statement. */
  public static Future<Void> mailAll(SqlClient tx, List<String> recipients, String subject, String text) {
    return appendAll(tx, recipients.stream().map(to -> mailMessage(to, subject, text)).toList());
  }

  private static OutboxMessage mailMessage(String to, String subject, String text) {
    UUID id = UUID.randomUUID();
    // The text is sealed with the row's id as associated data; the subject stays readable (it carries no token).
    String sealed = Base64.getEncoder().encodeToString(mailCipher().encrypt(text, id.toString()));
    return new OutboxMessage(id, MAIL, "", "mail", new JsonObject().put("to", to).put("subject", subject).put("sealedText", sealed));
  }

  /** The text of a mail row; throws when it cannot be decrypted (another key). Rows queued before sealing are read as they are. */
  public static String mailText(OutboxMessage mail) {
    String sealed = mail.payload().getString("sealedText");
    return sealed == null ? mail.payload().getString("text") : mailCipher().decrypt(Base64.getDecoder().decode(sealed), mail.id().toString());
  }

  /** Deletes parked mail rows queued longer than {@link #PARKED_MAIL_KEPT} ago (their tokens expired); answers how many. */
  public static Future<Integer> forgetExpiredParkedMail(SqlClient client) {
    return OutboxStore.forgetParkedMail(client, PARKED_MAIL_KEPT.toMillis());
  }

  /** Rows parked after failing {@code outbox.parkAfterAttempts} times, oldest first, without payloads. */
  public static Future<List<Row>> parked(SqlClient client, int limit) {
    return OutboxStore.parked(client, limit);
  }

  /** Puts parked rows (all, or those named) back in the outbox; answers the ids moved. */
  public static Future<List<UUID>> replayParked(SqlClient client, boolean all, List<UUID> ids) {
    return OutboxStore.unpark(client, all, ids);
  }
}
