package io.atrium.workspace.internal;

import java.util.Locale;

/** Workspace access levels, lowest first so that {@code compareTo} ranks them. */
enum Level {
  VIEWER, MEMBER, ADMIN, OWNER;

  String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  boolean atLeast(Level other) {
    return compareTo(other) >= 0;
  }

  /** The level a code names, or null when it names none. */
  static Level parse(Object code) {
    if (code instanceof String s) {
      for (Level level : values()) {
        if (level.code().equals(s)) {
          return level;
        }
      }
    }
    return null;
  }

  /** What an organization role grants in each of its workspaces: owner and admin carry over, member nothing. */
  static Level inheritedFrom(String organizationRole) {
    return switch (organizationRole == null ? "" : organizationRole) {
      case "owner" -> OWNER;
      case "admin" -> ADMIN;
      default -> null;
    };
  }

  /** The higher of two levels; null counts as none. */
  static Level max(Level a, Level b) {
    if (a == null) {
      return b;
    }
    return b == null || a.atLeast(b) ? a : b;
  }
}
