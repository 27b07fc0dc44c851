package io.atrium.platform;

import java.util.UUID;

/**
 * Which of N partitions a key belongs to. Computed from the UUID's bits only, so every JVM, every
 * process and every release agrees; the bits are mixed first so time-ordered UUIDs spread too.
 */
public final class Partitions {

  private Partitions() {}

  public static int of(UUID key, int partitions) {
    if (partitions <= 0) {
      throw new IllegalArgumentException("partitions must be positive, was " + partitions);
    }
    long bits = key.getMostSignificantBits() ^ Long.rotateLeft(key.getLeastSignificantBits(), 32);
    return (int) Math.floorMod(mix(bits), (long) partitions);
  }

  /** The routing key of a partition, also the suffix of its queue name: {@code p0}, {@code p1}, ... */
  public static String routingKey(int partition) {
    return "p" + partition;
  }

  // MurmurHash3's 64-bit finalizer: every input bit affects every output bit.
  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb53fe1a85ec3L;
    h ^= h >>> 33;
    return h;
  }
}
