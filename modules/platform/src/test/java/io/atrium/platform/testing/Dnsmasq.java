package io.atrium.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real DNS server for tests: Debian's dnsmasq ({@code apt-get install dnsmasq-base}), one per test JVM, a child
 * process in the foreground on a free loopback port, answering only from the records the tests give it (names under
 * {@code .test}; anything else there is NXDOMAIN). dnsmasq re-reads no records on SIGHUP, so every change rewrites
 * its records file and restarts it on the same port. It stops when the JVM exits.
 */
public final class Dnsmasq {

  private static final Path BINARY = Path.of("/usr/sbin/dnsmasq");
  private static Dnsmasq instance;

  private final Path directory;
  private final Map<String, List<String>> txt = new LinkedHashMap<>();
  private final Map<String, List<String>> addresses = new LinkedHashMap<>();
  private final Map<String, String> cnames = new LinkedHashMap<>();
  private final List<String> refused = new ArrayList<>();
  private int port;
  private Process process;

  private Dnsmasq() throws IOException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " is missing: the tests need a real DNS server (apt-get install dnsmasq-base)");
    }
    directory = Files.createTempDirectory("atrium-dnsmasq-");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop();
      try (var files = Files.list(directory)) {
        files.forEach(file -> file.toFile().delete());
      } catch (IOException ignored) {
        // a temp directory left behind is harmless
      }
      directory.toFile().delete();
    }));
  }

  public static synchronized Dnsmasq get() {
    if (instance == null) {
      try {
        instance = new Dnsmasq();
        instance.startOnFreePort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  /** {@code 127.0.0.1:<port>}, the value of {@code dns.server} ({@code ATRIUM_DNS_SERVER}). */
  public String server() {
    return "127.0.0.1:" + port;
  }

  /** Serves one more TXT record at the name (a name may hold several). */
  public synchronized void addTxt(String name, String value) {
    txt.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    restart();
  }

  /** Stops serving every TXT record of the name. */
  public synchronized void removeTxt(String name) {
    txt.remove(name);
    restart();
  }

  /** Serves an A (or, for an IPv6 literal, AAAA) record. */
  public synchronized void addAddress(String name, String address) {
    addresses.computeIfAbsent(name, n -> new ArrayList<>()).add(address);
    restart();
  }

  /** Serves a CNAME: {@code alias} is {@code target} (which must be a name this server serves records of). */
  public synchronized void addCname(String alias, String target) {
    cnames.put(alias, target);
    restart();
  }

  /** Answers REFUSED, at once, for every name in the zone: a resolver that can't answer for it (dead name servers). */
  public synchronized void refuse(String zone) {
    refused.add(zone);
    restart();
  }

  private void startOnFreePort() throws IOException {
    for (int attempt = 0; attempt < 5; attempt++) {
      port = freePort();
      if (start()) {
        return;
      }
    }
    throw new IllegalStateException("dnsmasq did not start; see " + directory.resolve("dnsmasq.log"));
  }

  private void restart() {
    stop();
    try {
      if (!start()) {
        throw new IllegalStateException("dnsmasq did not restart on port " + port + "; see " + directory.resolve("dnsmasq.log"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the records and starts dnsmasq; true once it answers on its port. */
  private boolean start() throws IOException {
    Path records = directory.resolve("records.conf");
    List<String> lines = new ArrayList<>(List.of("local=/test/"));
    txt.forEach((name, values) -> values.forEach(value -> lines.add("txt-record=" + name + ",\"" + value + "\"")));
    addresses.forEach((name, values) -> values.forEach(value -> lines.add("host-record=" + name + "," + value)));
    cnames.forEach((alias, target) -> lines.add("cname=" + alias + "," + target));
    refused.forEach(zone -> lines.add("server=/" + zone + "/#")); // "#": the standard upstreams, of which there are none
    Files.write(records, lines);
    process = new ProcessBuilder(BINARY.toString(), "--keep-in-foreground", "--port=" + port, "--listen-address=127.0.0.1",
        "--bind-interfaces", "--no-resolv", "--no-hosts", "--pid-file=", "--cache-size=0", "--log-facility=-",
        "--conf-file=" + records)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("dnsmasq.log").toFile()))
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return false;
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return true;
      } catch (IOException notYet) {
        sleep();
      }
    }
    return false;
  }

  private synchronized void stop() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /** A port free for both UDP and TCP on the loopback address. */
  private static int freePort() throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
        int candidate = udp.getLocalPort();
        try (ServerSocket tcp = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
          return candidate;
        } catch (IOException taken) {
          // try another
        }
      }
    }
    throw new IOException("no free loopback port for dnsmasq");
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
