package io.atrium.worker;

import io.vertx.core.Future;

import java.util.List;

/**
 * Applies several jobs at once, all or nothing (typically one database transaction). The future
 * completes after the commit; only then are the jobs acked. When it fails, the worker tries each job
 * on its own to find the one that cannot be applied.
 */
@FunctionalInterface
public interface BatchHandler {
  Future<Void> apply(List<Job> jobs);
}
