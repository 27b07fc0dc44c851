package io.atrium.billing.internal;

import io.atrium.platform.Codes;
import io.atrium.platform.Money;
import io.atrium.platform.testing.MutableClock;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static io.atrium.platform.testing.Rejections.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Billing's admission of a resource before it starts running, on its ports with in-memory fakes. */
class AdmitResourceTest {

  private static final String HOURLY = "0.0500";
  private static final long HOURLY_MICROS = Money.parse(HOURLY);

  private final InMemoryBillingTables tables = new InMemoryBillingTables();
  private final InMemoryAccounts accounts = tables.accounts;
  private final InMemoryLedger ledger = tables.ledger;
  private final InMemoryWorkspaces workspaces = new InMemoryWorkspaces();
  private final AdmitResource admission = new AdmitResource(tables.storage,
      InMemoryBillingTables.collaborators(workspaces, MutableClock.startingNow()));
  private final UUID workspaceId = workspaces.add("EUR");

  @Test
  void withoutAPaymentMethodIsPaymentMethodRequired() {
    ledger.set(workspaceId, 100 * Money.MICROS_PER_UNIT, LedgerQueries.Standing.ACTIVE);

    assertThat(rejectionOf(admit(workspaceId)).code()).isEqualTo(Codes.PAYMENT_METHOD_REQUIRED);
  }

  @Test
  void aCardWorkspaceWithLessThanOneHourOfThePlanIsInsufficientCredits() {
    payByCard();
    ledger.set(workspaceId, HOURLY_MICROS - 1, LedgerQueries.Standing.ACTIVE);

    assertThat(rejectionOf(admit(workspaceId)).code()).isEqualTo(Codes.INSUFFICIENT_CREDITS);
  }

  @Test
  void aCardWorkspaceWithExactlyOneHourOfThePlanIsAdmitted() {
    payByCard();
    ledger.set(workspaceId, HOURLY_MICROS, LedgerQueries.Standing.ACTIVE);

    assertThat(admit(workspaceId).await()).isEqualTo(new JsonObject());
  }

  @Test
  void aSuspendedCardWorkspaceIsInsufficientCreditsWhateverItsBalance() {
    payByCard();
    ledger.set(workspaceId, 1_000 * Money.MICROS_PER_UNIT, LedgerQueries.Standing.SUSPENDED);

    assertThat(rejectionOf(admit(workspaceId)).code()).isEqualTo(Codes.INSUFFICIENT_CREDITS);
  }

  @Test
  void anInvoicedWorkspaceIsAdmittedWithNoCreditAndWhenSuspended() {
    accounts.open(workspaceId, UUID.randomUUID(), "EUR", Instant.EPOCH).await();
    accounts.payByInvoice(workspaceId, UUID.randomUUID(), Instant.EPOCH).await();
    ledger.set(workspaceId, 0, LedgerQueries.Standing.SUSPENDED);

    assertThat(admit(workspaceId).await()).isEqualTo(new JsonObject());
  }

  @Test
  void aWorkspaceWhoseCreatedEventWasLostGetsItsAccountOpenedOnTheSpot() {
    assertThat(accounts.byId(workspaceId).await()).isEmpty();

    assertThat(rejectionOf(admit(workspaceId)).code()).isEqualTo(Codes.PAYMENT_METHOD_REQUIRED);
    assertThat(accounts.byId(workspaceId).await()).hasValueSatisfying(account -> assertThat(account.currency()).isEqualTo("EUR"));
  }

  @Test
  void anUnknownOrMalformedWorkspaceIsNotFound() {
    assertThat(rejectionOf(admit(UUID.randomUUID())).code()).isEqualTo(Codes.NOT_FOUND);
    assertThat(rejectionOf(admission.admit(new JsonObject().put("workspaceId", "nope").put("hourlyPrice", HOURLY))).code())
        .isEqualTo(Codes.NOT_FOUND);
  }

  private io.vertx.core.Future<JsonObject> admit(UUID workspace) {
    return admission.admit(new JsonObject().put("workspaceId", workspace.toString()).put("plan", "small").put("hourlyPrice", HOURLY));
  }

  private void payByCard() {
    accounts.open(workspaceId, UUID.randomUUID(), "EUR", Instant.EPOCH).await();
    accounts.payByCard(workspaceId, new Account.Card("card-ref", "visa", "4242", 12, 2099), Instant.EPOCH).await();
  }
}
