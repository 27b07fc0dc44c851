package io.atrium.workspace;

import io.atrium.organization.OrganizationRole;

import java.util.Locale;

/**
 * Workspace access levels (API.md "Roles and access levels"), partially ordered: viewer below member and billing,
 * both below admin, admin below owner. {@code member} and {@code billing} stand beside each other: neither is at
 * least the other, so a check for one refuses the other. The workspace context owns them; others ask through this.
 */
public enum AccessLevel {
  VIEWER(0), MEMBER(1), BILLING(1), ADMIN(2), OWNER(3);

  /** The height in the order; two levels of one height are incomparable unless equal. */
  private final int height;

  AccessLevel(int height) {
    this.height = height;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** How a refusal names this level as a minimum: billing is also met by admin and owner, so both are named. */
  public String asMinimum() {
    return this == BILLING ? "billing or admin" : code();
  }

  /** True when this level may do everything {@code other} may: the same level, or one strictly above it. */
  public boolean atLeast(AccessLevel other) {
    return this == other || height > other.height;
  }

  /** The level a code names, or null when it names none. */
  public static AccessLevel parse(Object code) {
    if (code instanceof String s) {
      for (AccessLevel level : values()) {
        if (level.code().equals(s)) {
          return level;
        }
      }
    }
    return null;
  }

  /** What an organization role grants in each of its workspaces: owner and admin carry over, member nothing. */
  public static AccessLevel inheritedFrom(OrganizationRole organizationRole) {
    return organizationRole == null ? null : switch (organizationRole) {
      case OWNER -> OWNER;
      case ADMIN -> ADMIN;
      case MEMBER -> null;
    };
  }

  /**
   * The higher of two levels; null counts as none. Of two incomparable ones (member and billing) {@code a} is kept:
   * callers pass the level already held first, so nothing changes sideways without an explicit change.
   */
  public static AccessLevel max(AccessLevel a, AccessLevel b) {
    if (a == null) {
      return b;
    }
    return b == null || a.atLeast(b) || !b.atLeast(a) ? a : b;
  }
}
