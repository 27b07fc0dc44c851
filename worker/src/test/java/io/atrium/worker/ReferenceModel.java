package io.atrium.worker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The auditor's model (TigerBeetle style): what each workspace's balance and credits must be, computed
 * from the requests sent in the order each workspace's partition applies them, written from the rules
 * of issue 4 and not from the ledger's code.
 */
final class ReferenceModel {

  private static final class Credit {
    final boolean grant;
    final Instant expiresAt;
    final long order;
    long left;

    Credit(boolean grant, Instant expiresAt, long order, long left) {
      this.grant = grant;
      this.expiresAt = expiresAt;
      this.order = order;
      this.left = left;
    }
  }

  private static final class Account {
    long balance;
    long entries;
    final List<Credit> credits = new ArrayList<>();
    final Set<String> applied = new HashSet<>();
  }

  private final Map<UUID, Account> accounts = new HashMap<>();
  private final Instant now;
  private long order;

  ReferenceModel(Instant now) {
    this.now = now;
  }

  /** A top-up (approved or not), grant, consumption or usage, named by its source; repeats change nothing. */
  void topUp(UUID ws, String source, long amount, boolean approved) {
    if (arrive(ws, source) && approved) {
      credit(ws, amount, false, null);
    }
  }

  void grant(UUID ws, String source, long amount, Instant expiresAt) {
    if (arrive(ws, source)) {
      credit(ws, amount, true, expiresAt);
    }
  }

  void debit(UUID ws, String source, long amount) {
    if (!arrive(ws, source)) {
      return;
    }
    Account account = account(ws);
    long left = amount;
    List<Credit> order = new ArrayList<>(account.credits);
    order.sort(Comparator.comparing((Credit c) -> !c.grant)
        .thenComparing(c -> c.expiresAt, Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(c -> c.order));
    for (Credit credit : order) {
      long take = Math.min(left, credit.left);
      credit.left -= take;
      left -= take;
    }
    account.balance -= amount;
    account.entries++;
  }

  /** Expires grants first (at every job, duplicates too), then says whether the source is new. */
  private boolean arrive(UUID ws, String source) {
    Account account = account(ws);
    for (Credit credit : account.credits) {
      if (credit.grant && credit.left > 0 && credit.expiresAt != null && !credit.expiresAt.isAfter(now)) {
        account.balance -= credit.left;
        account.entries++;
        credit.left = 0;
      }
    }
    return account.applied.add(source);
  }

  /** A credit while in debt pays the debt first; only the rest can be spent later. */
  private void credit(UUID ws, long amount, boolean grant, Instant expiresAt) {
    Account account = account(ws);
    long debt = Math.max(0, -account.balance);
    account.credits.add(new Credit(grant, expiresAt, order++, Math.max(0, amount - debt)));
    account.balance += amount;
    account.entries++;
  }

  private Account account(UUID ws) {
    return accounts.computeIfAbsent(ws, k -> new Account());
  }

  long balance(UUID ws) {
    return account(ws).balance;
  }

  long entries(UUID ws) {
    return account(ws).entries;
  }

  /** What the open credit lots still hold. */
  long credits(UUID ws) {
    return account(ws).credits.stream().mapToLong(c -> c.left).sum();
  }
}
