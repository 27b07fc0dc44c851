package io.atrium.organization.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Domain name grammar, and the public mail domains (config {@code domains.publicMailDomains}) nobody may claim. */
final class DomainNames {

  private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]");

  private final List<String> publicMail;

  DomainNames(List<String> publicMail) {
    this.publicMail = publicMail.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
  }

  /** The name lower-cased and without a trailing dot, or null when it is no domain name such as example.com. */
  static String normalized(Object value) {
    if (!(value instanceof String text)) {
      return null;
    }
    String name = text.trim().toLowerCase(Locale.ROOT);
    name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    return DOMAIN.matcher(name).matches() ? name : null;
  }

  /** A mail domain anyone can get an address at (or a subdomain of one): owning an address there proves nothing. */
  boolean isPublicMail(String domain) {
    return publicMail.stream().anyMatch(mail -> domain.equals(mail) || domain.endsWith("." + mail));
  }
}
