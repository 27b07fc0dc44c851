package io.atrium.server.http;

import io.atrium.platform.AtriumConfig;
import io.netty.util.NetUtil;
import io.vertx.ext.web.RoutingContext;

import java.math.BigInteger;
import java.util.List;

/**
 * The address of the client behind a request: the connection's peer, unless that peer is one of
 * {@code trustedProxies} (CIDRs), in which case {@code X-Forwarded-For} is read from the right, skipping
 * trusted proxies, and its first other address is the client. A header from anyone else is ignored, so a
 * client cannot pick the address it is counted under.
 */
public final class ClientAddress {

  private static final int MAX_HOPS = 20;
  private static final String KEY = "clientAddress";
  private final List<Cidr> trusted;

  public ClientAddress(AtriumConfig config) {
    this.trusted = config.list("trustedProxies").stream().map(Cidr::parse).toList();
  }

  /** Router handler: works the address out once per request, for {@link #of}. */
  public void handle(RoutingContext ctx) {
    ctx.put(KEY, resolve(ctx));
    ctx.next();
  }

  /** The client's address as an IP literal. */
  public static String of(RoutingContext ctx) {
    String address = ctx.get(KEY);
    return address != null ? address : ctx.request().remoteAddress().hostAddress();
  }

  private String resolve(RoutingContext ctx) {
    String peer = ctx.request().remoteAddress().hostAddress();
    if (trusted.isEmpty() || !isTrusted(peer)) {
      return peer;
    }
    List<String> hops = ctx.request().headers().getAll("X-Forwarded-For").stream()
        .flatMap(header -> java.util.Arrays.stream(header.split(","))).map(String::trim).toList();
    String client = peer;
    for (int i = hops.size() - 1; i >= 0 && i >= hops.size() - MAX_HOPS; i--) {
      byte[] hop = NetUtil.createByteArrayFromIpAddressString(hops.get(i));
      if (hop == null) {
        // Garbage where an address should be: the last trusted hop is all we know.
        return client;
      }
      client = NetUtil.bytesToIpAddress(hop);
      if (!isTrusted(client)) {
        return client;
      }
    }
    return client;
  }

  private boolean isTrusted(String address) {
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
    return bytes != null && trusted.stream().anyMatch(cidr -> cidr.contains(bytes));
  }

  /** One {@code address/prefix} block; a bare address is a block of one. */
  record Cidr(byte[] network, int prefix) {

    static Cidr parse(String text) {
      String[] parts = text.split("/", 2);
      byte[] network = NetUtil.createByteArrayFromIpAddressString(parts[0].trim());
      if (network == null) {
        throw new IllegalStateException("trustedProxies (ATRIUM_TRUSTED_PROXIES): not an IP address or CIDR: " + text);
      }
      int bits = network.length * 8;
      int prefix;
      try {
        prefix = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : bits;
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalStateException("trustedProxies (ATRIUM_TRUSTED_PROXIES): bad prefix length in " + text);
      }
      return new Cidr(network, prefix);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int shift = network.length * 8 - prefix;
      return new BigInteger(1, address).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
    }
  }
}
