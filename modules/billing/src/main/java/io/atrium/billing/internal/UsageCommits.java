package io.atrium.billing.internal;

import io.atrium.billing.BillingJobs;
import io.atrium.platform.Outbox;
import io.atrium.platform.OutboxMessage;
import io.atrium.platform.Times;
import io.atrium.platform.Transactions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;

/**
 * Writes usage batches and their USAGE jobs, with group commit: the batches that arrive on one event loop while its
 * earlier writes are in flight are written together in ONE transaction (one statement for their events, one for their
 * jobs), and each request is answered after that commit. No timer: an idle loop writes a batch at once, and groups grow
 * with the load. When a group's transaction fails, each of its batches is written again in a transaction of its own, so
 * one batch's failure reaches only its own request. Batches under an Idempotency-Key are written alone, inside the key's
 * transaction ({@link #writeAlone}).
 */
final class UsageCommits {

  /** A validated request: its batch, and the workspace's currency for its job. */
  record UsageWrite(String currency, UsageEvents.Batch batch) {}

  /** Group transactions one event loop keeps open at once. */
  static final int IN_FLIGHT = 2;
  /** A group's bound in events (a request holds up to 1,000), which bounds one statement's arrays. */
  static final int GROUP_EVENTS = 5_000;

  private static final Logger log = LoggerFactory.getLogger(UsageCommits.class);

  private record Waiting(UsageWrite write, Promise<JsonObject> answer) {}

  private final Context context;
  private final Transactions transactions;

  UsageCommits(Context context) {
    this.context = context;
    this.transactions = Transactions.of(context.pool());
  }

  /** Writes the batch, grouped with its event loop's other writes; answers {@code {accepted, duplicates}} after the commit. */
  Future<JsonObject> write(UsageWrite write) {
    if (!(Vertx.currentContext() instanceof ContextInternal loop) || !loop.isEventLoopContext()) {
      return transactions.run(tx -> writeAlone(tx, write));
    }
    Queue queue = loop.get(this);
    if (queue == null) {
      queue = new Queue(loop);
      loop.put(this, queue);
    }
    Promise<JsonObject> answer = loop.promise();
    queue.add(new Waiting(write, answer));
    return answer.future();
  }

  /** Writes one batch in the caller's transaction {@code tx}. */
  Future<JsonObject> writeAlone(SqlConnection tx, UsageWrite write) {
    return writeAll(tx, List.of(write)).map(answers -> answers.get(0));
  }

  /** One event loop's waiting writes; touched only on that loop. */
  private final class Queue {
    private final ContextInternal loop;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private int inFlight;

    Queue(ContextInternal loop) {
      this.loop = loop;
    }

    void add(Waiting write) {
      waiting.add(write);
      drain();
    }

    private void drain() {
      while (inFlight < IN_FLIGHT && !waiting.isEmpty()) {
        List<Waiting> group = new ArrayList<>();
        int events = 0;
        while (!waiting.isEmpty() && (group.isEmpty() || events + size(waiting.peek()) <= GROUP_EVENTS)) {
          Waiting next = waiting.poll();
          group.add(next);
          events += size(next);
        }
        inFlight++;
        writeGroup(group).onComplete(done -> loop.runOnContext(v -> {
          inFlight--;
          drain();
        }));
      }
    }
  }

  private static int size(Waiting waiting) {
    return waiting.write().batch().events().size();
  }

  private Future<Void> writeGroup(List<Waiting> group) {
    List<UsageWrite> writes = group.stream().map(Waiting::write).toList();
    return transactions.run(tx -> writeAll(tx, writes))
        .map(answers -> {
          for (int i = 0; i < group.size(); i++) {
            group.get(i).answer().complete(answers.get(i));
          }
          return (Void) null;
        })
        .recover(failure -> {
          if (group.size() > 1) {
            log.info("a group of {} usage writes failed ({}); writing each alone", group.size(), failure.toString());
          }
          return Future.join(group.stream().map(waiting -> transactions.run(tx -> writeAlone(tx, waiting.write()))
              .onComplete(waiting.answer())).toList()).mapEmpty();
        });
  }

  /** The batches' events in one statement, then the jobs of those that have accepted events in another; the answers in order. */
  private Future<List<JsonObject>> writeAll(SqlConnection tx, List<UsageWrite> writes) {
    return context.usage().insertNew(tx, writes.stream().map(UsageWrite::batch).toList()).compose(accepted -> {
      List<JsonObject> answers = new ArrayList<>(writes.size());
      List<OutboxMessage> jobs = new ArrayList<>();
      for (UsageWrite write : writes) {
        List<UsageEvents.Event> events = accepted.getOrDefault(write.batch().batchId(), List.of());
        answers.add(new JsonObject().put("accepted", events.size()).put("duplicates", write.batch().events().size() - events.size()));
        if (!events.isEmpty()) {
          jobs.add(context.job(write.batch().workspaceId(), BillingJobs.USAGE, job(write, events)));
        }
      }
      return Outbox.appendAll(tx, jobs).map(answers);
    });
  }

  /** The USAGE job of a batch's accepted events. */
  private static JsonObject job(UsageWrite write, List<UsageEvents.Event> accepted) {
    // The sum of the accepted events' own amounts: the same figure an invoice adds up from usage_events.
    TreeMap<String, Long> byMeter = new TreeMap<>();
    // Charts place usage by when it happened: the same amounts per hour of occurredAt, and the entry is dated by the
    // batch's latest event.
    TreeMap<Instant, TreeMap<String, Long>> byHour = new TreeMap<>();
    Instant latest = accepted.get(0).occurredAt();
    for (UsageEvents.Event event : accepted) {
      byMeter.merge(event.meter(), event.amount(), Math::addExact);
      byHour.computeIfAbsent(event.occurredAt().truncatedTo(ChronoUnit.HOURS), hour -> new TreeMap<>())
          .merge(event.meter(), event.amount(), Math::addExact);
      latest = event.occurredAt().isAfter(latest) ? event.occurredAt() : latest;
    }
    JsonObject hours = new JsonObject();
    byHour.forEach((hour, meters) -> hours.put(Times.text(hour), new JsonObject(new LinkedHashMap<>(meters))));
    return new JsonObject()
        .put("batchId", write.batch().batchId().toString())
        .put("workspaceId", write.batch().workspaceId().toString())
        .put("currency", write.currency())
        .put("occurredAt", Times.text(latest))
        .put("byMeter", new JsonObject(new LinkedHashMap<>(byMeter)))
        .put("byHour", hours);
  }
}
