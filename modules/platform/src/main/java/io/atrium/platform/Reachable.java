package io.atrium.platform;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/** Whether a service URL's host and port accept a TCP connection: how dev and tests choose local or embedded services. */
public final class Reachable {

  private Reachable() {}

  public static boolean answers(String url, int defaultPort) {
    try (Socket socket = new Socket()) {
      URI uri = URI.create(url);
      int port = uri.getPort() > 0 ? uri.getPort() : defaultPort;
      socket.connect(new InetSocketAddress(uri.getHost(), port), 1000);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** The same server URL naming another database: {@code postgresql://u@h:p/x} to {@code .../name}. */
  public static String withDatabase(String pgUrl, String name) {
    return pgUrl.replaceFirst("/[^/?]*(\\?.*)?$", "/" + name);
  }
}
