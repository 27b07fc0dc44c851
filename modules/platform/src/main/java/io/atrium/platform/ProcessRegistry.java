package io.atrium.platform;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A concurrent map per Vert.x instance, kept in its local shared data so that it ends with it. */
final class ProcessRegistry {

  private ProcessRegistry() {}

  @SuppressWarnings("unchecked")
  static <K, V> Map<K, V> of(Vertx vertx, String name) {
    LocalMap<String, Holder> maps = vertx.sharedData().getLocalMap(ProcessRegistry.class.getName());
    Holder holder = maps.get(name);
    if (holder == null) {
      maps.putIfAbsent(name, new Holder());
      holder = maps.get(name);
    }
    return (Map<K, V>) holder.map;
  }

  private static final class Holder implements Shareable {
    final Map<Object, Object> map = new ConcurrentHashMap<>();
  }
}
