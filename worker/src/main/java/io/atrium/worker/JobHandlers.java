package io.atrium.worker;

import io.vertx.core.Future;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which handler applies which job type. Register before deploying the {@link BillingWorker}. A
 * {@link BatchHandler} takes every consecutive job of its types in a batch at once; a {@link JobHandler}
 * takes them one after another.
 */
public final class JobHandlers {

  private final Map<String, BatchHandler> byType = new ConcurrentHashMap<>();

  public JobHandlers register(String type, JobHandler handler) {
    return register(List.of(type), jobs -> {
      Future<Void> chain = Future.succeededFuture();
      for (Job job : jobs) {
        chain = chain.compose(v -> handler.handle(job));
      }
      return chain;
    });
  }

  public JobHandlers register(Collection<String> types, BatchHandler handler) {
    for (String type : types) {
      if (byType.putIfAbsent(type, handler) != null) {
        throw new IllegalStateException("a handler for job type " + type + " is already registered");
      }
    }
    return this;
  }

  public boolean knows(String type) {
    return type != null && byType.containsKey(type);
  }

  /**
   * Applies known jobs in order: each run of consecutive jobs with the same handler goes to it at once.
   * Fails with the first failure; what came before it in other runs has been applied.
   */
  public Future<Void> apply(List<Job> jobs) {
    Future<Void> chain = Future.succeededFuture();
    int start = 0;
    for (int i = 1; i <= jobs.size(); i++) {
      if (i == jobs.size() || byType.get(jobs.get(i).type()) != byType.get(jobs.get(start).type())) {
        List<Job> run = jobs.subList(start, i);
        BatchHandler handler = byType.get(run.get(0).type());
        chain = chain.compose(v -> handler.apply(run));
        start = i;
      }
    }
    return chain;
  }
}
