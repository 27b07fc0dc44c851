package io.atrium.worker.internal.ledger;

import io.atrium.billing.BillingEvents;
import io.atrium.platform.Money;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;

/** {@code credit_grant.expiring}, once per grant lot (credit_lots.expiry_noticed_at), from 7 days before it expires. */
final class GrantExpiryNotice {

  static final Duration AHEAD = Duration.ofDays(7);

  private GrantExpiryNotice() {}

  static void notice(WorkspaceBook book, List<Lot> lots) {
    for (Lot lot : lots) {
      if (lot.kind.equals("grant") && lot.remaining > 0 && lot.expiresAt != null && lot.expiryNoticedAt == null
          && !lot.expiredAt(book.now()) && !lot.expiresAt.isAfter(book.now().plus(AHEAD))) {
        lot.expiryNoticedAt = book.now();
        lot.changed = true;
        book.event(BillingEvents.CREDIT_GRANT_EXPIRING, new JsonObject().put("grantId", lot.id.toString())
            .put("amount", Money.format(lot.remaining)).put("expiresAt", lot.expiresAt.toString()));
      }
    }
  }
}
