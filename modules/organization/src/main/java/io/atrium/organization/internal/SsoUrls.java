package io.atrium.organization.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The URLs single sign-on hands out, all under the configured {@code publicUrl}. */
final class SsoUrls {

  private final String publicUrl;

  SsoUrls(String publicUrl) {
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** Where providers send browsers back; an organization registers it at its provider. */
  String callback() {
    return publicUrl + "/api/v1/sso/callback";
  }

  /** Where a browser starts an SSO login for this email. */
  String loginFor(String email) {
    return publicUrl + "/api/v1/sso/login?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8);
  }

  /** The lower-cased part after the last {@code @}, or "" when there is none. */
  static String domainOf(String email) {
    int at = email == null ? -1 : email.lastIndexOf('@');
    return at < 0 ? "" : email.substring(at + 1).trim().toLowerCase(Locale.ROOT);
  }
}
