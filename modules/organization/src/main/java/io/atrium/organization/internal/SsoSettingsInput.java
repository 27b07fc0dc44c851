package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Dns;
import io.atrium.platform.PublicAddresses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The checked fields of a {@code PUT .../sso} body; errors go to the shared {@link Input}. */
final class SsoSettingsInput {

  static final int MAX_DOMAINS = 50;
  private static final int MAX_TEXT = 1024;

  final String issuer;
  final String clientId;
  final String clientSecret;
  final List<String> emailDomains;
  final OrganizationRole defaultRole;
  final boolean enforced;

  SsoSettingsInput(JsonObject body, Input input, boolean allowLocalIssuers) {
    this.issuer = issuer(body.getValue("issuer"), input, allowLocalIssuers);
    this.clientId = text(body.getValue("clientId"), "clientId", input);
    this.clientSecret = text(body.getValue("clientSecret"), "clientSecret", input);
    this.emailDomains = domains(body.getValue("emailDomains"), input);
    this.defaultRole = role(body.getValue("defaultRole"), input);
    Object enforcedValue = body.getValue("enforced");
    if (enforcedValue != null && !(enforcedValue instanceof Boolean)) {
      input.error("enforced", "must be true or false");
    }
    this.enforced = Boolean.TRUE.equals(enforcedValue);
  }

  /**
   * An https URL; no query or fragment; no trailing slash. Issuers on this machine (http or https) only with
   * {@code sso.allowLocalIssuers}, for development and tests: discovery must not become a way to make the API fetch
   * internal addresses. Here only what the URL itself says is checked; {@link Discovery} resolves the names.
   */
  private static String issuer(Object value, Input input, boolean allowLocalIssuers) {
    if (!(value instanceof String text) || text.isBlank() || text.length() > MAX_TEXT) {
      return input.error("issuer", "must be the issuer URL of an OpenID Connect provider");
    }
    String trimmed = text.trim().replaceAll("/+$", "");
    try {
      URI uri = new URI(trimmed);
      String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
      String tooLong = DomainNames.tooLong(host, 253);
      if (tooLong != null) {
        return input.error("issuer", "the host name " + tooLong + " (DNS can't look it up)");
      }
      InetAddress literal = Dns.literal(host);
      boolean local = host.equals("localhost") || host.endsWith(".localhost") || literal != null && !PublicAddresses.isPublic(literal);
      boolean secure = "https".equals(uri.getScheme()) && !host.isEmpty() && !local;
      boolean allowedLocal = allowLocalIssuers && local && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
      if (local && !allowLocalIssuers) {
        return input.error("issuer", host + " is this machine or a private network: only public hosts are allowed ("
            + AtriumConfig.envName(PublicAddresses.ALLOW_LOCAL_KEY) + "=true allows local and private ones in development)");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null || !(secure || allowedLocal)) {
        return input.error("issuer", "must be an https URL of a public host, without query or fragment");
      }
      return trimmed;
    } catch (java.net.URISyntaxException e) {
      return input.error("issuer", "must be a URL");
    }
  }

  private static String text(Object value, String field, Input input) {
    boolean valid = value instanceof String s && !s.isBlank() && s.length() <= MAX_TEXT;
    return valid ? ((String) value).trim() : input.error(field, "must be 1 to " + MAX_TEXT + " characters");
  }

  private static List<String> domains(Object value, Input input) {
    if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_DOMAINS) {
      return input.error("emailDomains", "must be a list of 1 to " + MAX_DOMAINS + " domains");
    }
    Set<String> domains = new LinkedHashSet<>();
    for (Object entry : array) {
      String domain = DomainNames.normalized(entry);
      if (domain == null) {
        return input.error("emailDomains", "must hold domain names such as example.com");
      }
      domains.add(domain);
    }
    return new ArrayList<>(domains);
  }

  private static OrganizationRole role(Object value, Input input) {
    OrganizationRole role = OrganizationRole.parse(value);
    if (role == OrganizationRole.OWNER) {
      // Ownership can delete the organization and its billing; only an existing owner may hand it out.
      return input.error("defaultRole", "must be admin or member: owner is only granted by an owner, never by a provider");
    }
    return role != null ? role : input.error("defaultRole", "must be admin or member");
  }
}
