package io.atrium.platform;

import io.netty.util.NetUtil;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;
import io.vertx.core.dns.DnsException;
import io.vertx.core.dns.DnsResponseCode;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * DNS lookups through the Vert.x DNS client (never the blocking JDK resolver), at {@code dns.server}
 * ({@code ATRIUM_DNS_SERVER}, {@code host:port}) or, when that is empty, the system's resolver. A name that does
 * not exist answers an empty list; only a resolver that fails (timeout, SERVFAIL, REFUSED) fails the future, so
 * callers can tell "the record is gone" from "we could not ask".
 *
 * <p>Every query runs on one Vert.x context, the one this was made on: the Vert.x DNS client keeps one Netty resolver
 * per event loop, and queries sent from other threads (tests, other verticles) were seen to lose their answer under
 * load. Answers come back on the asking context, and no answer waits longer than the query timeout.
 */
public final class Dns {

  private static final long QUERY_TIMEOUT_MILLIS = 5_000;
  private static final int MAX_CNAME_HOPS = 8;

  private final DnsClient client;
  private final Context context;

  private Dns(DnsClient client, Context context) {
    this.client = client;
    this.context = context;
  }

  public static Dns fromConfig(Vertx vertx, AtriumConfig config) {
    String server = config.string("dns.server");
    DnsClientOptions options = new DnsClientOptions().setQueryTimeout(QUERY_TIMEOUT_MILLIS).setRecursionDesired(true);
    if (server == null || server.isBlank()) {
      return new Dns(vertx.createDnsClient(options), vertx.getOrCreateContext());
    }
    int colon = server.lastIndexOf(':');
    if (colon <= 0 || !server.substring(colon + 1).matches("[0-9]{1,5}")) {
      throw new IllegalStateException("dns.server (ATRIUM_DNS_SERVER) must be host:port, was " + server);
    }
    String host = server.substring(0, colon).replaceAll("^\\[|]$", "");
    options.setHost(host).setPort(Integer.parseInt(server.substring(colon + 1)));
    return new Dns(vertx.createDnsClient(options), vertx.getOrCreateContext());
  }

  /**
   * The TXT records of a name (through its CNAMEs), each record's strings joined; empty when the name or its TXT
   * records don't exist.
   */
  public Future<List<String>> txt(String name) {
    return followingCnames(name, 0, at -> onContext(() -> client.resolveTXT(at)));
  }

  /** Every IPv4 and IPv6 address of a host name (through its CNAMEs); empty when it has none. */
  public Future<List<InetAddress>> addresses(String host) {
    return followingCnames(host, 0, at -> {
      Future<List<String>> v4 = onContext(() -> client.resolveA(at));
      Future<List<String>> v6 = onContext(() -> client.resolveAAAA(at));
      return Future.all(v4, v6).map(both -> {
        List<InetAddress> addresses = new ArrayList<>();
        v4.result().forEach(text -> addresses.add(literal(text)));
        v6.result().forEach(text -> addresses.add(literal(text)));
        return addresses;
      });
    });
  }

  /**
   * Asks for the records of a name; when there are none, follows the name's CNAME and asks again. The Vert.x client
   * keeps only answers named exactly as asked, so records behind a CNAME (CDNs, hosted challenges) would look absent.
   */
  private <T> Future<List<T>> followingCnames(String name, int hops, Function<String, Future<List<T>>> query) {
    return query.apply(name).compose(found -> !found.isEmpty() ? Future.succeededFuture(found)
        : onContext(() -> client.resolveCNAME(name)).compose(targets -> {
          if (targets.isEmpty()) {
            return Future.succeededFuture(found);
          }
          if (hops >= MAX_CNAME_HOPS) {
            return Future.failedFuture("more than " + MAX_CNAME_HOPS + " CNAMEs lead on from " + name);
          }
          String target = targets.get(0);
          return followingCnames(target.endsWith(".") ? target.substring(0, target.length() - 1) : target, hops + 1, query);
        }));
  }

  /** An IP address literal as an address (no lookup), or null when the text is not one. */
  public static InetAddress literal(String text) {
    String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    return NetUtil.isValidIpV4Address(bare) || NetUtil.isValidIpV6Address(bare) ? NetUtil.createInetAddressFromIpAddressString(bare) : null;
  }

  /** Runs the query on this resolver's context and answers on the caller's (when it has one). */
  private <T> Future<List<T>> onContext(Supplier<Future<List<T>>> query) {
    Context caller = Vertx.currentContext();
    Promise<List<T>> answer = Promise.promise();
    context.runOnContext(v -> absentAsEmpty(asked(query)).timeout(QUERY_TIMEOUT_MILLIS + 1_000, TimeUnit.MILLISECONDS)
        .onComplete(result -> {
          if (caller == null || caller == context) {
            answer.handle(result);
          } else {
            caller.runOnContext(back -> answer.handle(result));
          }
        }));
    return answer.future();
  }

  /** The query's answer; a name the client can't even put into a question (say, a label over 63 characters) fails it. */
  private static <T> Future<List<T>> asked(Supplier<Future<List<T>>> query) {
    try {
      return query.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(new IllegalArgumentException("not a name DNS can look up (" + e.getMessage() + ")", e));
    }
  }

  private static <T> Future<List<T>> absentAsEmpty(Future<List<T>> answer) {
    return answer.recover(failure -> failure instanceof DnsException dns && dns.code() == DnsResponseCode.NXDOMAIN
        ? Future.succeededFuture(List.of()) : Future.failedFuture(failure));
  }
}
