package io.atrium.platform.testing;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Bus;
import io.atrium.platform.Database;
import io.atrium.platform.Migrations;
import io.atrium.platform.Outbox;
import io.atrium.platform.Rejection;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contexts of one integration-test class, deployed on the real services of the run: its own Vert.x, the run's
 * database with the given changelogs applied, a pool, and a real SMTP mailbox the mailer points at. Tests talk to
 * the contexts through their addresses ({@link #ask}) as other contexts do. Every module's harness is built on it.
 */
public final class ContextHarness {

  private static final Pattern TOKEN = Pattern.compile("(?m)^Token: (\\S+)\\s*$");

  private final Vertx vertx;
  private final AtriumConfig config;
  private final Pool pool;
  private final MailBox mail;

  private ContextHarness(Vertx vertx, AtriumConfig config, Pool pool, MailBox mail) {
    this.vertx = vertx;
    this.config = config;
    this.pool = pool;
    this.mail = mail;
  }

  /** Starts the mailbox and Vert.x, applies {@code changelogs} and opens a pool; {@code settings} go over the run's. */
  public static ContextHarness start(Map<String, Object> settings, List<Migrations.Changelog> changelogs) {
    MailBox mail = new MailBox();
    Vertx vertx = null;
    try {
      Map<String, Object> all = new HashMap<>(mail.settings());
      all.putAll(settings);
      AtriumConfig config = TestServices.get().config().with(all);
      vertx = Vertx.vertx();
      Migrations.apply(vertx, config, changelogs).await();
      return new ContextHarness(vertx, config, Database.pool(vertx, config), mail);
    } catch (RuntimeException | Error e) {
      if (vertx != null) {
        vertx.close().await();
      }
      mail.stop();
      throw e;
    }
  }

  /** Closes {@code harness} when it started (a class whose start failed has none). */
  public static void close(ContextHarness harness) {
    if (harness != null) {
      harness.close();
    }
  }

  public Vertx vertx() {
    return vertx;
  }

  public AtriumConfig config() {
    return config;
  }

  public Pool pool() {
    return pool;
  }

  public MailBox mail() {
    return mail;
  }

  /** Deploys a verticle and waits until it has started. */
  public void deploy(Deployable verticle) {
    vertx.deployVerticle(verticle).await();
  }

  /** The answer of whoever serves {@code address}; a rejection is thrown. */
  public JsonObject ask(String address, JsonObject body) {
    return Bus.request(vertx, address, body).await();
  }

  /** The rejection {@code address} answers with (fails when it answers anything else). */
  public Rejection rejection(String address, JsonObject body) {
    return Rejections.rejectionOf(Bus.request(vertx, address, body));
  }

  /**
   * The {@code Token:} line of the newest mail to {@code address}, verification mails aside. Mail goes out after its
   * transaction, through the outbox: once the outbox is drained, a mail just announced is the newest one.
   */
  public String latestToken(String address) {
    String body = MailBox.body(latestMailTo(address));
    Matcher matcher = TOKEN.matcher(body);
    if (!matcher.find()) {
      throw new AssertionError("no Token: line in the newest mail to " + address + ":\n" + body);
    }
    return matcher.group(1);
  }

  /** The bodies of the mails to {@code address}, oldest first, verification mails aside, once the outbox is drained. */
  public List<String> bodiesTo(String address) {
    awaitOutboxDrained();
    return mail.announcementsTo(address).stream().map(MailBox::body).toList();
  }

  /** The newest mail to {@code address}, verification mails aside, once the outbox is drained. */
  public MimeMessage latestMailTo(String address) {
    awaitOutboxDrained();
    List<MimeMessage> mails = mail.announcementsTo(address);
    if (mails.isEmpty()) {
      throw new AssertionError("no mail to " + address);
    }
    return mails.get(mails.size() - 1);
  }

  /** Waits until no mail is queued in the outbox (it has then reached SMTP); fails after 10 s. */
  private void awaitOutboxDrained() {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (queuedMail() > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(queuedMail() + " mails still queued in the outbox after 10 s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private long queuedMail() {
    return pool.preparedQuery("SELECT count(*) FROM platform.outbox WHERE exchange = $1").execute(Tuple.of(Outbox.MAIL))
        .await().iterator().next().getLong(0);
  }

  public void close() {
    vertx.close().await();
    mail.stop();
  }
}
