package io.atrium.platform;

import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

import java.util.Map;

/**
 * The typed contracts a context offers the rest of its process (an interface in its public package, such as
 * {@code WorkspaceDirectory}): provided by the context's verticle, looked up by callers and called directly, on
 * the caller's event loop. Implementations are therefore shared between event loops and must be thread-safe, and
 * must answer with futures made on the caller's context (as the pool's are): a future cached and handed to callers
 * on other event loops would run their callbacks, and write their HTTP responses, on the wrong one.
 */
public final class Contracts {

  private Contracts() {}

  /** Offers {@code implementation} until the calling verticle is undeployed (or Vert.x closes). */
  public static <T> void provide(Vertx vertx, Class<T> contract, T implementation) {
    Map<Class<?>, Object> provided = provided(vertx);
    provided.put(contract, implementation);
    ((ContextInternal) vertx.getOrCreateContext()).addCloseHook(completion -> {
      provided.remove(contract, implementation);
      completion.succeed();
    });
  }

  /** The implementation of {@code contract} in this process; fails when its context is not deployed. */
  public static <T> T of(Vertx vertx, Class<T> contract) {
    Object implementation = provided(vertx).get(contract);
    if (implementation == null) {
      throw new IllegalStateException(contract.getSimpleName() + " is not provided in this process");
    }
    return contract.cast(implementation);
  }

  private static Map<Class<?>, Object> provided(Vertx vertx) {
    return ProcessRegistry.of(vertx, "contracts");
  }
}
