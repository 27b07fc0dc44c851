package io.atrium.billing.internal;

import java.util.Locale;

/** Workspace access levels as the workspace context names them, lowest first so that {@code compareTo} ranks them. */
enum Level {
  VIEWER, MEMBER, ADMIN, OWNER;

  String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Level parse(String code) {
    for (Level level : values()) {
      if (level.code().equals(code)) {
        return level;
      }
    }
    return null;
  }
}
