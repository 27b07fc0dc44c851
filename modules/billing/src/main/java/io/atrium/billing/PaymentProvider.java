package io.atrium.billing;

import io.vertx.core.Future;

/**
 * The card payment provider. The one that ships is {@link SandboxPaymentProvider}; a real one (Stripe,
 * Adyen, ...) implements the same two calls.
 */
public interface PaymentProvider {

  /** What the provider keeps for a card: a reference to charge later, and what a person may see of it. */
  record Card(String reference, String brand, String last4, int expMonth, int expYear) {}

  /** A charge's outcome; {@code declineReason} is null when approved. */
  record Charge(boolean approved, String declineReason) {}

  /**
   * Turns a card token from the client into a chargeable card, or fails with a {@code validation_failed}
   * rejection on {@code cardToken} (unknown or expired card).
   */
  Future<Card> attach(String cardToken);

  /**
   * Charges a card once per idempotency key: asking again with the same key answers the first outcome
   * and charges nothing more.
   */
  Future<Charge> charge(String idempotencyKey, String cardReference, long amountMicros, String currency);
}
