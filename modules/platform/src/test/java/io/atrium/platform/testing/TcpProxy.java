package io.atrium.platform.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A TCP forwarder on a port of its own that a test can open and cut, to take a broker or a database "away". */
public final class TcpProxy {

  private final Vertx vertx;
  private final String targetHost;
  private final int targetPort;
  private final int port;
  private final NetClient client;
  private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
  private final Set<NetSocket> frozen = ConcurrentHashMap.newKeySet();
  private NetServer server;
  private volatile boolean hangingNew;

  public TcpProxy(Vertx vertx, String targetHost, int targetPort) throws IOException {
    this.vertx = vertx;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.client = vertx.createNetClient();
    try (ServerSocket probe = new ServerSocket(0)) {
      this.port = probe.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  /** {@code url} ({@code scheme://user@host:port/...}) pointing at this proxy instead. */
  public String rewrite(String url) {
    java.net.URI uri = java.net.URI.create(url);
    String authority = uri.getRawAuthority();
    String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
    return url.replaceFirst(java.util.regex.Pattern.quote(hostAndPort), "127.0.0.1:" + port);
  }

  public Future<Void> open() {
    server = vertx.createNetServer().connectHandler(this::forward);
    return server.listen(port, "127.0.0.1").mapEmpty();
  }

  /** Stops accepting and drops every proxied connection, as a broker that went away would. */
  public Future<Void> cut() {
    Future<Void> closed = server.close();
    sockets.forEach(NetSocket::close);
    sockets.clear();
    return closed;
  }

  /**
   * Stops forwarding on every connection open now, in both directions, without closing any: as a NAT or firewall that
   * forgot them would (half-open TCP). Connections made afterwards are forwarded.
   */
  public void freeze() {
    frozen.addAll(sockets);
  }

  /** As {@link #freeze}, and every connection made afterwards is accepted and then stalls too: a peer that hangs. */
  public void hang() {
    hangingNew = true;
    freeze();
  }

  private void forward(NetSocket in) {
    in.pause();
    track(in);
    if (hangingNew) {
      frozen.add(in);
    }
    client.connect(targetPort, targetHost).onComplete(connected -> {
      if (connected.failed()) {
        in.close();
        return;
      }
      NetSocket out = connected.result();
      track(out);
      if (hangingNew) {
        frozen.add(out);
      }
      relay(in, out);
      relay(out, in);
      in.resume();
    });
  }

  /** As {@code from.pipeTo(to)}, but what a frozen socket reads is dropped. */
  private void relay(NetSocket from, NetSocket to) {
    from.handler(data -> {
      if (frozen.contains(from)) {
        return;
      }
      to.write(data);
      if (to.writeQueueFull()) {
        from.pause();
        to.drainHandler(v -> from.resume());
      }
    });
    from.endHandler(v -> to.close());
  }

  private void track(NetSocket socket) {
    sockets.add(socket);
    socket.closeHandler(v -> {
      sockets.remove(socket);
      frozen.remove(socket);
    });
  }
}
