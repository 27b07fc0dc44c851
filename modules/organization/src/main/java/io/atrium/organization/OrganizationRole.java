package io.atrium.organization;

import java.util.Locale;

/** Organization roles, highest first, as the organization context defines them for every context. */
public enum OrganizationRole {
  OWNER, ADMIN, MEMBER;

  /** The role named by its contract text, or null. */
  public static OrganizationRole parse(Object text) {
    if (text instanceof String s) {
      for (OrganizationRole role : values()) {
        if (role.text().equals(s)) {
          return role;
        }
      }
    }
    return null;
  }

  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean atLeast(OrganizationRole other) {
    return ordinal() <= other.ordinal();
  }

  public boolean above(OrganizationRole other) {
    return ordinal() < other.ordinal();
  }

  public static OrganizationRole higher(OrganizationRole a, OrganizationRole b) {
    return a.atLeast(b) ? a : b;
  }

  public static String textOf(OrganizationRole role) {
    return role == null ? null : role.text();
  }
}
