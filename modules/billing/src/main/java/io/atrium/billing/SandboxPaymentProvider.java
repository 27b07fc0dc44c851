package io.atrium.billing;

import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * The payment provider for development and tests: a documented sandbox, not a stub. It knows the test
 * tokens of API.md and behaves as a card network would for each:
 * <ul>
 *   <li>{@code tok_visa}: a Visa ending 4242; every charge is approved.</li>
 *   <li>{@code tok_mastercard}: a Mastercard ending 4444; every charge is approved.</li>
 *   <li>{@code tok_chargeDeclined}: a Visa ending 0341 that attaches, but every charge is declined
 *       ({@code card_declined}).</li>
 *   <li>{@code tok_expired}: refused when attached (the card has expired).</li>
 * </ul>
 * Charges are remembered in {@code billing.sandbox_charges} by idempotency key, so a retried charge gives
 * the first outcome and never charges twice, as real providers' idempotency keys do.
 */
public final class SandboxPaymentProvider implements PaymentProvider {

  private record TestCard(String brand, String last4, boolean declines) {}

  private static final Map<String, TestCard> CARDS = Map.of(
      "tok_visa", new TestCard("visa", "4242", false),
      "tok_mastercard", new TestCard("mastercard", "4444", false),
      "tok_chargeDeclined", new TestCard("visa", "0341", true));
  private static final String REFERENCE_PREFIX = "sandbox_card_";

  private final Pool pool;
  private final Clock clock;

  public SandboxPaymentProvider(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  @Override
  public Future<Card> attach(String cardToken) {
    if ("tok_expired".equals(cardToken)) {
      return Future.failedFuture(Rejection.invalid("cardToken", "the card has expired").failure());
    }
    TestCard card = CARDS.get(cardToken);
    if (card == null) {
      return Future.failedFuture(Rejection.invalid("cardToken",
          "is not a card token (the sandbox takes tok_visa, tok_mastercard, tok_chargeDeclined and tok_expired)").failure());
    }
    int expYear = ZonedDateTime.now(clock).getYear() + 3;
    // The reference names the test card, so a later charge knows how that card behaves.
    String reference = REFERENCE_PREFIX + cardToken + "_" + UUID.randomUUID();
    return Future.succeededFuture(new Card(reference, card.brand(), card.last4(), 12, expYear));
  }

  @Override
  public Future<Charge> charge(String idempotencyKey, String cardReference, long amountMicros, String currency) {
    TestCard card = cardOf(cardReference);
    boolean approved = card != null && !card.declines();
    String reason = card == null ? "unknown_card" : approved ? null : "card_declined";
    return pool.preparedQuery("""
            INSERT INTO billing.sandbox_charges (idempotency_key, card_reference, amount, currency, approved, decline_reason, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (idempotency_key) DO NOTHING""")
        .execute(Tuple.of(idempotencyKey, cardReference, amountMicros, currency, approved, reason, Times.toDb(Times.now(clock))))
        .compose(inserted -> pool.preparedQuery("SELECT approved, decline_reason FROM billing.sandbox_charges WHERE idempotency_key = $1")
            .execute(Tuple.of(idempotencyKey)))
        .map(rows -> {
          var row = rows.iterator().next();
          return new Charge(row.getBoolean("approved"), row.getString("decline_reason"));
        });
  }

  private static TestCard cardOf(String reference) {
    if (reference == null || !reference.startsWith(REFERENCE_PREFIX)) {
      return null;
    }
    String rest = reference.substring(REFERENCE_PREFIX.length());
    return CARDS.entrySet().stream().filter(e -> rest.startsWith(e.getKey() + "_")).map(Map.Entry::getValue).findFirst().orElse(null);
  }
}
