package io.atrium.platform.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rollback for in-memory fakes: their maps and collections copied now, put back in place when the result runs. */
public final class Savepoints {

  private Savepoints() {}

  /** Each table is a {@link Map} or a {@link Collection}; a value inside is kept as the same object, so fakes store immutable rows. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Runnable of(Object... tables) {
    List<Runnable> restores = new ArrayList<>();
    for (Object table : tables) {
      if (table instanceof Map map) {
        Map saved = new LinkedHashMap(map);
        restores.add(() -> {
          map.clear();
          map.putAll(saved);
        });
      } else if (table instanceof Collection collection) {
        List saved = new ArrayList(collection);
        restores.add(() -> {
          collection.clear();
          collection.addAll(saved);
        });
      } else {
        throw new IllegalArgumentException("not a map or collection: " + table);
      }
    }
    return () -> restores.forEach(Runnable::run);
  }
}
