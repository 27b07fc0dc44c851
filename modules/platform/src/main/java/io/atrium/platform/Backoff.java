package io.atrium.platform;

/** Exponential backoff: {@code base}, twice that, ... up to {@code max}, until {@link #reset}. */
public final class Backoff {

  private final long base;
  private final long max;
  private long next;

  public Backoff(long base, long max) {
    this.base = Math.max(1, base);
    this.max = Math.max(this.base, max);
    this.next = this.base;
  }

  public long next() {
    long delay = next;
    next = Math.min(max, next * 2);
    return delay;
  }

  public void reset() {
    next = base;
  }
}
