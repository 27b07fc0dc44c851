package io.atrium.organization.internal;

import java.util.Locale;

/** Organization roles, highest first. */
enum Role {
  OWNER, ADMIN, MEMBER;

  /** The role named by its contract text, or null. */
  static Role parse(Object text) {
    if (text instanceof String s) {
      for (Role role : values()) {
        if (role.text().equals(s)) {
          return role;
        }
      }
    }
    return null;
  }

  String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  boolean atLeast(Role other) {
    return ordinal() <= other.ordinal();
  }

  boolean above(Role other) {
    return ordinal() < other.ordinal();
  }

  static Role higher(Role a, Role b) {
    return a.atLeast(b) ? a : b;
  }

  static String textOf(Role role) {
    return role == null ? null : role.text();
  }
}
