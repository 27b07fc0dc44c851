package io.atrium.identity.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link LoginFailures} in memory: one window per key, as the SQL keeps it. */
final class InMemoryLoginFailures implements LoginFailures {

  final Map<String, Window> windows = new HashMap<>();

  @Override
  public Future<List<Window>> open(List<String> keys, Instant openSince) {
    return Future.succeededFuture(keys.stream().map(windows::get)
        .filter(window -> window != null && window.start().isAfter(openSince)).toList());
  }

  @Override
  public Future<List<Window>> count(List<String> keys, Instant now, Instant openSince) {
    return record(keys, now, openSince).map(recorded -> keys.stream().map(windows::get).toList());
  }

  @Override
  public Future<Void> record(List<String> keys, Instant now, Instant openSince) {
    keys.forEach(key -> windows.compute(key, (k, window) -> window != null && window.start().isAfter(openSince)
        ? new Window(k, window.start(), window.failures() + 1) : new Window(k, now, 1)));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> clear(List<String> keys) {
    keys.forEach(windows::remove);
    return Future.succeededFuture();
  }
}
