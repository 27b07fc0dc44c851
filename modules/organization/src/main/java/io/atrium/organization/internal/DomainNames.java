package io.atrium.organization.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Domain name grammar, and the public mail domains (config {@code domains.publicMailDomains}) nobody may claim. */
final class DomainNames {

  private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]");

  /** The longest domain one can claim: {@code _atrium-challenge.<domain>} must still fit in a DNS name (253). */
  static final int MAX_CLAIMED = 253 - Domain.CHALLENGE_PREFIX.length();
  private static final int MAX_LABEL = 63;

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

  /** Why DNS can't carry the name (longer than {@code max}, or a label over 63 characters); null when it can. */
  static String tooLong(String name, int max) {
    if (name.length() > max) {
      return "is " + name.length() + " characters long, at most " + max + " are allowed";
    }
    for (String label : name.split("\\.")) {
      if (label.length() > MAX_LABEL) {
        return "has a label of " + label.length() + " characters, at most " + MAX_LABEL + " are allowed";
      }
    }
    return null;
  }

  /** A mail domain anyone can get an address at (or a subdomain of one): owning an address there proves nothing. */
  boolean isPublicMail(String domain) {
    return publicMail.stream().anyMatch(mail -> domain.equals(mail) || domain.endsWith("." + mail));
  }
}
