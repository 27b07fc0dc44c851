package io.atrium.organization.internal;

import io.atrium.platform.Secrets;
import io.atrium.platform.Dns;
import io.vertx.core.Future;

import java.util.List;
import java.util.stream.Collectors;

/** The TXT record that proves a domain: what to publish, and what the resolver finds there now. */
final class DnsChallenge {

  private static final int SHOWN = 3;
  private static final int SHOWN_LENGTH = 80;

  private final Dns dns;

  DnsChallenge(Dns dns) {
    this.dns = dns;
  }

  /** A fresh value for a new claim: each organization's claim has its own, so only the one published wins. */
  static String newValue() {
    return "atrium-domain-verification=" + Secrets.randomText(24);
  }

  /** What a lookup found: whether the expected value is there, and in words what was there otherwise. */
  record Found(boolean proven, String description) {}

  /** Looks the record up; fails only when the resolver can't answer (then nothing is concluded). */
  Future<Found> check(Domain domain) {
    return dns.txt(domain.txtName()).map(records -> {
      if (records.stream().anyMatch(domain.txtValue()::equals)) {
        return new Found(true, "the TXT record " + domain.txtName() + " holds the expected value");
      }
      if (records.isEmpty()) {
        return new Found(false, "no TXT record was found at " + domain.txtName());
      }
      return new Found(false, records.size() + " TXT record(s) at " + domain.txtName() + " but none holds the expected value; found "
          + shown(records));
    });
  }

  private static String shown(List<String> records) {
    return records.stream().limit(SHOWN)
        .map(r -> '"' + (r.length() > SHOWN_LENGTH ? r.substring(0, SHOWN_LENGTH) + "…" : r) + '"')
        .collect(Collectors.joining(", ")) + (records.size() > SHOWN ? ", …" : "");
  }
}
