package io.atrium.worker.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.atrium.platform.DeadLetters;
import io.vertx.core.Context;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Moves what RabbitMQ itself dead-lettered (a job returned past the queue's delivery limit by workers that died
 * holding it, a notification that kept failing) from the broker's dead-letter queue into {@code platform.dead_letters},
 * where {@code ./atrium dead-letters} lists and replays it. Acks only after the row is stored; while the database
 * is away the message waits in the queue.
 */
public final class DeadLetterKeeper extends DefaultConsumer {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterKeeper.class);
  private static final long RETRY_MILLIS = 2000;

  private final Context context;
  private final Pool pool;
  private final String prefix;

  public DeadLetterKeeper(Channel channel, Context context, Pool pool, String amqpPrefix) {
    super(channel);
    this.context = context;
    this.pool = pool;
    this.prefix = amqpPrefix + ".";
  }

  @Override
  public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
    Map<String, Object> headers = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
    String exchange = header(headers, "x-first-death-exchange", envelope.getExchange());
    String routingKey = firstRoutingKey(headers, envelope.getRoutingKey());
    String reason = "dead-lettered by RabbitMQ (" + header(headers, "x-first-death-reason", "unknown reason") + " in queue "
        + header(headers, "x-first-death-queue", "?") + ")";
    String id = properties.getMessageId() != null ? properties.getMessageId() : "unidentified-" + UUID.randomUUID();
    DeadLetters.DeadLetter letter = new DeadLetters.DeadLetter(id, exchange.startsWith(prefix) ? exchange.substring(prefix.length()) : exchange,
        routingKey, properties.getType(), new String(body, StandardCharsets.UTF_8), reason, 0, null);
    context.runOnContext(v -> keep(letter, envelope.getDeliveryTag()));
  }

  private void keep(DeadLetters.DeadLetter letter, long tag) {
    // The failures the workers counted for it, if any, say why it kept failing.
    DeadLetters.lastFailure(pool, letter.id())
        .compose(last -> DeadLetters.park(pool, last == null ? letter : new DeadLetters.DeadLetter(letter.id(), letter.exchange(),
            letter.routingKey(), letter.type(), letter.payload(), letter.reason() + "; last failure: " + last.getString("error"),
            last.getInteger("failures"), null)))
        .onSuccess(v -> {
          log.error("message {} ({}) {}: kept as a dead letter", letter.id(), letter.type(), letter.reason());
          ack(tag);
        })
        .onFailure(e -> {
          log.warn("cannot keep dead letter {} yet ({}); retrying in {} ms", letter.id(), e.toString(), RETRY_MILLIS);
          context.owner().setTimer(RETRY_MILLIS, t -> keep(letter, tag));
        });
  }

  /** An ack that fails (channel gone) is fine: the broker delivers the message again and keeping it is an upsert. */
  private void ack(long tag) {
    context.executeBlocking(() -> {
      getChannel().basicAck(tag, false);
      return null;
    }, true).onFailure(e -> log.warn("dead letter delivery {} not acked ({}); it comes again", tag, e.toString()));
  }

  private static String header(Map<String, Object> headers, String name, String otherwise) {
    Object value = headers.get(name);
    return value == null ? otherwise : value.toString();
  }

  private static String firstRoutingKey(Map<String, Object> headers, String otherwise) {
    Object deaths = headers.get("x-death");
    if (deaths instanceof List<?> list && !list.isEmpty() && list.get(list.size() - 1) instanceof Map<?, ?> death
        && death.get("routing-keys") instanceof List<?> keys && !keys.isEmpty()) {
      return keys.get(0).toString();
    }
    return otherwise;
  }
}
