package io.atrium.webhooks.internal;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Dns;
import io.atrium.platform.PublicAddresses;
import io.vertx.core.Future;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where deliveries may go: https on a public host, by the rules SSO issuers follow. The development switch
 * ({@value PublicAddresses#ALLOW_LOCAL_KEY}) also allows http and https on this machine and private networks, never
 * plain http to a public host.
 */
final class WebhookUrls {

  static final int MAX_LENGTH = 2000;

  private final PublicAddresses addresses;

  WebhookUrls(PublicAddresses addresses) {
    this.addresses = addresses;
  }

  /** What is wrong with the URL as written, or null when nothing is (the host is resolved by {@link #resolvable}). */
  String problem(Object value) {
    if (!(value instanceof String text) || text.isBlank() || text.length() > MAX_LENGTH) {
      return "must be an https URL of at most " + MAX_LENGTH + " characters";
    }
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      return "must be a URL";
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (host.isEmpty() || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      return "must be an https URL with a host name, without user info or fragment";
    }
    InetAddress literal = Dns.literal(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    boolean local = host.equals("localhost") || host.endsWith(".localhost") || literal != null && !PublicAddresses.isPublic(literal);
    if (local && !addresses.allowsLocal()) {
      return host + " is this machine or a private network: only public hosts are allowed ("
          + AtriumConfig.envName(PublicAddresses.ALLOW_LOCAL_KEY) + "=true allows local and private ones in development)";
    }
    boolean https = "https".equals(uri.getScheme());
    boolean localHttp = local && "http".equals(uri.getScheme());
    return https || localHttp ? null : "must be an https URL (plain http only for local hosts in development)";
  }

  /** Succeeds when every address of the host is public (or the switch is on); {@code validation_failed} on {@code url} otherwise. */
  Future<Void> resolvable(String url) {
    return addresses.require("url", "the webhook URL", url);
  }
}
