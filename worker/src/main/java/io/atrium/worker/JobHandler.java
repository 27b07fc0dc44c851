package io.atrium.worker;

import io.vertx.core.Future;

/**
 * Applies one type of billing job. Runs on the worker's Vert.x context; the returned future
 * completes once the job's transaction has committed, and only then is the message acked.
 * A failed future makes the broker redeliver it (up to {@code billing.deliveryLimit}).
 */
@FunctionalInterface
public interface JobHandler {
  Future<Void> handle(Job job);
}
