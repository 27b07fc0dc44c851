package io.atrium.worker;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Which {@link JobHandler} applies which job type. Register before deploying the {@link BillingWorker}. */
public final class JobHandlers {

  private final Map<String, JobHandler> byType = new ConcurrentHashMap<>();

  public JobHandlers register(String type, JobHandler handler) {
    if (byType.putIfAbsent(type, handler) != null) {
      throw new IllegalStateException("a handler for job type " + type + " is already registered");
    }
    return this;
  }

  public Optional<JobHandler> find(String type) {
    return type == null ? Optional.empty() : Optional.ofNullable(byType.get(type));
  }
}
