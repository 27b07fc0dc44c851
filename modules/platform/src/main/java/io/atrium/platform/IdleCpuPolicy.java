package io.atrium.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves the calling thread to Linux's {@code SCHED_IDLE} policy. Such a thread runs on CPU time no other thread of
 * its group wants, and a thread that wakes (an event loop) takes its core at once; at normal priority it could wait
 * for the rest of the running time slice, a millisecond or more. Java has no call for it, so util-linux's {@code chrt}
 * sets it, once per thread. Where that fails (not Linux, no {@code chrt}), the thread keeps its priority, and one
 * warning per process says so.
 */
final class IdleCpuPolicy {

  private static final Logger LOG = LoggerFactory.getLogger(IdleCpuPolicy.class);
  private static final Path THREAD_SELF = Path.of("/proc/thread-self");
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private IdleCpuPolicy() {
  }

  static void applyToCurrentThread() {
    try {
      String tid = Files.readSymbolicLink(THREAD_SELF).getFileName().toString(); // "<pid>/task/<tid>"
      Process chrt = new ProcessBuilder("chrt", "--idle", "--pid", "0", tid).redirectErrorStream(true).start();
      if (!chrt.waitFor(10, TimeUnit.SECONDS)) {
        chrt.destroyForcibly();
        warn("chrt did not finish in 10 s");
      } else if (chrt.exitValue() != 0) {
        warn("chrt --idle failed: " + new String(chrt.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
      }
    } catch (IOException | UnsupportedOperationException e) {
      warn("cannot run chrt --idle: " + e);
    } catch (InterruptedException e) {
      warn("interrupted");
      Thread.currentThread().interrupt();
    }
  }

  private static void warn(String reason) {
    if (WARNED.compareAndSet(false, true)) {
      LOG.warn("{} keeps its normal CPU priority ({}): its work competes with the event loops for the cores",
          Thread.currentThread().getName(), reason);
    } else {
      LOG.debug("{} keeps its normal CPU priority ({})", Thread.currentThread().getName(), reason);
    }
  }
}
