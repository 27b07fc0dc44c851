package io.atrium.platform;

import io.vertx.core.Future;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Keeps URLs that a client gives us (SSO issuers and the endpoints their discovery announces, webhook URLs) off
 * this machine and private networks: the host is resolved through {@link Dns} and every address it has must be
 * public. Refused: loopback, private (RFC 1918, IPv6 unique local), link-local, carrier-grade NAT, unspecified,
 * multicast and reserved ranges, also when written as IPv4-mapped IPv6. {@code sso.allowLocalIssuers}
 * ({@code ATRIUM_SSO_ALLOW_LOCAL_ISSUERS}) switches the check off for development and tests.
 */
public final class PublicAddresses {

  /** The configuration key of the development switch. */
  public static final String ALLOW_LOCAL_KEY = "sso.allowLocalIssuers";

  private final Dns dns;
  private final boolean allowLocal;

  public PublicAddresses(Dns dns, boolean allowLocal) {
    this.dns = dns;
    this.allowLocal = allowLocal;
  }

  public static PublicAddresses fromConfig(Dns dns, AtriumConfig config) {
    return new PublicAddresses(dns, "true".equalsIgnoreCase(config.string(ALLOW_LOCAL_KEY)));
  }

  public boolean allowsLocal() {
    return allowLocal;
  }

  /**
   * Succeeds when the URL's host has only public addresses (or the switch is on); otherwise fails with
   * {@code validation_failed} on {@code field}, saying what ({@code what}, such as "token_endpoint") was refused and why.
   */
  public Future<Void> require(String field, String what, String url) {
    if (allowLocal) {
      return Future.succeededFuture();
    }
    String host;
    try {
      host = URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      host = null;
    }
    if (host == null || host.isBlank()) {
      return refuse(field, what + " " + url + " has no host name");
    }
    String name = host.toLowerCase(Locale.ROOT);
    InetAddress literal = Dns.literal(name);
    if (literal != null) {
      return isPublic(literal) ? Future.succeededFuture() : refuse(field, what + " " + url + " is " + kind(literal));
    }
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      return refuse(field, what + " " + url + " is on this machine (localhost)");
    }
    return dns.addresses(name)
        .recover(failure -> Future.failedFuture(Rejection.invalid(field,
            what + " host " + name + " could not be resolved (" + failure.getMessage() + ")").failure()))
        .compose(addresses -> {
          if (addresses.isEmpty()) {
            return refuse(field, what + " host " + name + " has no address");
          }
          List<InetAddress> local = addresses.stream().filter(address -> !isPublic(address)).toList();
          return local.isEmpty() ? Future.<Void>succeededFuture()
              : refuse(field, what + " host " + name + " resolves to " + local.get(0).getHostAddress() + ", " + kind(local.get(0)));
        });
  }

  /**
   * The address to connect to for {@code host}, resolved now: a name checked when it was saved may answer otherwise
   * later (DNS rebinding, TTL 1), so callers connect to this address and no other. Fails unless every address of the
   * name is public. With the development switch on, null: the caller resolves as usual.
   */
  public Future<InetAddress> connectable(String host) {
    if (allowLocal) {
      return Future.succeededFuture(null);
    }
    String name = host == null ? "" : host.toLowerCase(Locale.ROOT);
    InetAddress literal = Dns.literal(name);
    if (literal != null) {
      return isPublic(literal) ? Future.succeededFuture(literal) : refused(name + " is " + kind(literal));
    }
    if (name.isBlank() || name.equals("localhost") || name.endsWith(".localhost")) {
      return refused("host " + name + " is on this machine (localhost)");
    }
    return dns.addresses(name).compose(addresses -> {
      if (addresses.isEmpty()) {
        return refused("host " + name + " has no address");
      }
      List<InetAddress> local = addresses.stream().filter(address -> !isPublic(address)).toList();
      return local.isEmpty() ? Future.succeededFuture(addresses.get(0))
          : refused("host " + name + " resolves to " + local.get(0).getHostAddress() + ", " + kind(local.get(0)));
    });
  }

  private static Future<InetAddress> refused(String reason) {
    return Future.failedFuture(new IllegalStateException("not connected: " + reason));
  }

  /** Whether an address may be reached on a client's behalf. */
  public static boolean isPublic(InetAddress address) {
    if (address instanceof Inet6Address v6) {
      byte[] b = v6.getAddress();
      InetAddress embedded = embeddedIpv4(b);
      if (embedded != null) {
        return isPublic(embedded);
      }
      boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
      boolean documentation = (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8;
      return !(v6.isLoopbackAddress() || v6.isAnyLocalAddress() || v6.isLinkLocalAddress() || v6.isSiteLocalAddress()
          || v6.isMulticastAddress() || uniqueLocal || documentation);
    }
    byte[] b = address.getAddress();
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    boolean reserved = first == 0 || first >= 240                       // "this network", class E and broadcast
        || (first == 100 && second >= 64 && second < 128)                // carrier-grade NAT
        || (first == 192 && second == 0 && (b[2] & 0xff) == 0)           // IETF protocol assignments
        || (first == 198 && (second == 18 || second == 19));             // benchmarking
    return !(address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
        || address.isSiteLocalAddress() || address.isMulticastAddress() || reserved);
  }

  /** The IPv4 address inside an IPv4-mapped ({@code ::ffff:a.b.c.d}) or NAT64 ({@code 64:ff9b::a.b.c.d}) address. */
  private static InetAddress embeddedIpv4(byte[] b) {
    boolean mapped = true;
    for (int i = 0; i < 10; i++) {
      mapped &= b[i] == 0;
    }
    mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
    for (int i = 4; nat64 && i < 12; i++) {
      nat64 = b[i] == 0;
    }
    if (!mapped && !nat64) {
      return null;
    }
    try {
      return Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }

  private static String kind(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return "a loopback address (this machine)";
    }
    if (address.isLinkLocalAddress()) {
      return "a link-local address";
    }
    return "a private or reserved address";
  }

  private static Future<Void> refuse(String field, String reason) {
    return Future.failedFuture(Rejection.invalid(field, reason + ": only public hosts are allowed ("
        + AtriumConfig.envName(ALLOW_LOCAL_KEY) + "=true allows local and private ones in development)").failure());
  }
}
