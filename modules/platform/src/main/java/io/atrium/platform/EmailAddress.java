package io.atrium.platform;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for an email address that comes from outside (sign-up, invitations, billing email, ID tokens):
 * a plain {@code local@domain} addr-spec. No display name, comment, quoted local part, comma, angle bracket,
 * whitespace, control, bidi or other invisible character. The domain is IDNA-normalised to lower-case ASCII, so
 * {@code a@bücher.example} and {@code a@xn--bcher-kva.example} are one address; addresses compare case-insensitively.
 */
public final class EmailAddress {

  public static final int MAX_LENGTH = 254;
  private static final int MAX_LOCAL = 64;
  /** RFC 5322 dot-atom of ASCII atext: what every mail server and our mailer take without quoting. */
  private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private EmailAddress() {}

  /** The address in its canonical spelling (local part as given, domain as lower-case ASCII); empty when it breaks the rule. */
  public static Optional<String> parse(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String text = raw.strip();
    // Bounded before anything else looks at it: no regex or IDNA work on a megabyte of input.
    if (text.length() < 3 || text.length() > MAX_LENGTH || text.codePoints().anyMatch(EmailAddress::invisible)) {
      return Optional.empty();
    }
    int at = text.lastIndexOf('@');
    if (at <= 0 || at != text.indexOf('@') || at == text.length() - 1) {
      return Optional.empty();
    }
    String local = text.substring(0, at);
    if (local.length() > MAX_LOCAL || !LOCAL.matcher(local).matches()) {
      return Optional.empty();
    }
    return asciiDomain(text.substring(at + 1)).map(domain -> local + "@" + domain)
        .filter(address -> address.length() <= MAX_LENGTH);
  }

  public static boolean isValid(String raw) {
    return parse(raw).isPresent();
  }

  /** The spelling addresses are compared in. */
  public static String normalize(String address) {
    return parse(address).orElse(address.strip()).toLowerCase(Locale.ROOT);
  }

  private static Optional<String> asciiDomain(String domain) {
    String ascii;
    try {
      ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2 || ascii.length() > 253) {
      return Optional.empty();
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return Optional.empty();
      }
    }
    // A top-level domain is never all digits: that would be an IP address written without brackets.
    return labels[labels.length - 1].chars().allMatch(Character::isDigit) ? Optional.empty() : Optional.of(ascii);
  }

  /** Controls, format characters (bidi overrides, zero-width joiners, BOM), separators and unassigned code points. */
  private static boolean invisible(int codePoint) {
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL, Character.FORMAT, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED -> true;
      default -> false;
    };
  }
}
