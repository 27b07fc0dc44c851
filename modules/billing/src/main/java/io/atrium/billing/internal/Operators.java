package io.atrium.billing.internal;

import io.atrium.platform.Codes;
import io.atrium.platform.Rejection;
import io.vertx.core.Future;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Platform operators: the emails of config {@code operators}, compared case-insensitively. Anyone else
 * gets {@code forbidden} (403) before anything is looked up, so operator paths reveal nothing about ids.
 */
final class Operators {

  private final Set<String> emails;

  Operators(List<String> emails) {
    this.emails = emails.stream().map(e -> e.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  Future<Void> require(Object email) {
    return email instanceof String s && emails.contains(s.toLowerCase(Locale.ROOT)) ? Future.succeededFuture()
        : Future.failedFuture(Rejection.of(Codes.FORBIDDEN, "only platform operators may do this").failure());
  }
}
