package io.atrium.billing.internal;

import io.atrium.billing.BillingJobs;
import io.atrium.platform.Codes;
import io.atrium.platform.OutboxMessage;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
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
 * with the load. When a group's transaction fails, its batches are written again one after another, each in a
 * transaction of its own (never all at once: that would flood the pool), so one batch's failure reaches only its own
 * request. A loop holds at most {@link #MAX_WAITING_EVENTS} waiting events and writes none that waited more than
 * {@link #MAX_WAIT_NANOS}: past either, {@code 503 unavailable} with {@code retryAfter}, so that no client is answered a
 * timeout for usage that was later charged. Batches under an Idempotency-Key are written alone, inside the key's
 * transaction ({@link #writeAlone}).
 */
final class UsageCommits {

  /** A validated request: its batch, and the workspace's currency for its job. */
  record UsageWrite(String currency, UsageEvents.Batch batch) {}

  /** Group transactions one event loop keeps open at once. */
  static final int IN_FLIGHT = 2;
  /** A group's bound in events (a request holds up to 1,000), which bounds one statement's arrays. */
  static final int GROUP_EVENTS = 5_000;
  /** Events one event loop lets wait for a group: four groups' worth. */
  static final int MAX_WAITING_EVENTS = 4 * GROUP_EVENTS;
  /** A write that waited longer is refused, not written: well before the bus's 30-second timeout answers its caller. */
  static final long MAX_WAIT_NANOS = 20_000_000_000L;
  private static final int RETRY_AFTER_SECONDS = 1;
  private static final Rejection BUSY = Rejection.of(Codes.UNAVAILABLE, "Too much usage is waiting to be written; try again in a moment")
      .with("retryAfter", RETRY_AFTER_SECONDS);

  private static final Logger log = LoggerFactory.getLogger(UsageCommits.class);

  private record Waiting(UsageWrite write, Promise<JsonObject> answer, long since) {}

  private final UnitOfWork<BillingTables> storage;
  private final BillingCollaborators collaborators;

  UsageCommits(UnitOfWork<BillingTables> storage, BillingCollaborators collaborators) {
    this.storage = storage;
    this.collaborators = collaborators;
  }

  /** Writes the batch, grouped with its event loop's other writes; answers {@code {accepted, duplicates}} after the commit. */
  Future<JsonObject> write(UsageWrite write) {
    if (!(Vertx.currentContext() instanceof ContextInternal loop) || !loop.isEventLoopContext()) {
      return storage.transaction((tables, outgoing) -> writeAlone(tables, outgoing, write));
    }
    Queue queue = loop.get(this);
    if (queue == null) {
      queue = new Queue(loop);
      loop.put(this, queue);
    }
    Promise<JsonObject> answer = loop.promise();
    queue.add(new Waiting(write, answer, System.nanoTime()));
    return answer.future();
  }

  /** Writes one batch in the caller's transaction (its tables and outgoing messages). */
  Future<JsonObject> writeAlone(BillingTables tables, UnitOfWork.Outgoing outgoing, UsageWrite write) {
    return writeAll(tables, outgoing, List.of(write)).map(answers -> answers.get(0));
  }

  /** One event loop's waiting writes; touched only on that loop. */
  private final class Queue {
    private final ContextInternal loop;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private int inFlight;
    private int waitingEvents;

    Queue(ContextInternal loop) {
      this.loop = loop;
    }

    void add(Waiting write) {
      if (waitingEvents + size(write) > MAX_WAITING_EVENTS) {
        write.answer().fail(BUSY.failure());
        return;
      }
      waiting.add(write);
      waitingEvents += size(write);
      drain();
    }

    private void drain() {
      while (inFlight < IN_FLIGHT && !waiting.isEmpty()) {
        List<Waiting> group = new ArrayList<>();
        int events = 0;
        long now = System.nanoTime();
        while (!waiting.isEmpty() && (group.isEmpty() || events + size(waiting.peek()) <= GROUP_EVENTS)) {
          Waiting next = waiting.poll();
          waitingEvents -= size(next);
          if (now - next.since() > MAX_WAIT_NANOS) {
            next.answer().fail(BUSY.failure());
            continue;
          }
          group.add(next);
          events += size(next);
        }
        if (group.isEmpty()) {
          continue;
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
    return storage.transaction((tables, outgoing) -> writeAll(tables, outgoing, writes))
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
          Future<Void> written = Future.succeededFuture();
          for (Waiting waiting : group) {
            written = written.transform(previous -> storage.transaction((tables, outgoing) -> writeAgain(tables, outgoing, waiting.write()))
                .onComplete(waiting.answer()).<Void>mapEmpty().otherwiseEmpty());
          }
          return written;
        });
  }

  /**
   * Writes a batch of a failed group alone. The group's COMMIT may have succeeded unseen (its answer lost): then the
   * batch's rows and job are stored already, and its answer counts those rows as accepted instead of writing again.
   */
  private Future<JsonObject> writeAgain(BillingTables tables, UnitOfWork.Outgoing outgoing, UsageWrite write) {
    UsageEvents.Batch batch = write.batch();
    return tables.usageEvents().countStored(batch.workspaceId(), batch.batchId()).compose(stored -> stored == 0
        ? writeAlone(tables, outgoing, write)
        : Future.succeededFuture(new JsonObject().put("accepted", stored).put("duplicates", batch.events().size() - stored)));
  }

  /** The batches' events in one statement, then the jobs of those that have accepted events in another; the answers in order. */
  private Future<List<JsonObject>> writeAll(BillingTables tables, UnitOfWork.Outgoing outgoing, List<UsageWrite> writes) {
    return tables.usageEvents().insertNew(writes.stream().map(UsageWrite::batch).toList()).compose(accepted -> {
      List<JsonObject> answers = new ArrayList<>(writes.size());
      List<OutboxMessage> jobs = new ArrayList<>();
      for (UsageWrite write : writes) {
        List<UsageEvents.Event> events = accepted.getOrDefault(write.batch().batchId(), List.of());
        answers.add(new JsonObject().put("accepted", events.size()).put("duplicates", write.batch().events().size() - events.size()));
        if (!events.isEmpty()) {
          jobs.add(collaborators.job(write.batch().workspaceId(), BillingJobs.USAGE, job(write, events)));
        }
      }
      // One statement for all the jobs (none when no event was accepted).
      return outgoing.send(jobs).map(answers);
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
