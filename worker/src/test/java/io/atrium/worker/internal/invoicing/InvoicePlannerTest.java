package io.atrium.worker.internal.invoicing;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class InvoicePlannerTest {

  private static final UUID A = new UUID(0, 1);
  private static final UUID B = new UUID(0, 2);

  @Test
  void groupsLinesPerWorkspaceAndSettlesWhatCreditsDidNotFund() {
    List<InvoicePlanner.Debits> rows = List.of(
        new InvoicePlanner.Debits(B, "EUR", "usage", "egress-gb", new BigDecimal("100"), 1_000_000),
        new InvoicePlanner.Debits(A, "EUR", "consumption", "1xCPU-1GB", new BigDecimal("3"), 21_000),
        new InvoicePlanner.Debits(A, "EUR", "credits", "", BigDecimal.ONE, 7_000));
    InvoicePlanner.Draft draft = InvoicePlanner.plan(rows, Set.of(), new BigDecimal("0.2000")).get(0);
    assertThat(draft.lines()).extracting(InvoicePlanner.Line::workspaceId).containsExactly(A, A, B);
    assertThat(draft.lines().get(1).amount()).isEqualTo(-7_000);
    assertThat(draft.subtotal()).isEqualTo(1_014_000);
    assertThat(draft.vat()).isEqualTo(202_800);
    assertThat(draft.total()).isEqualTo(1_216_800);
    assertThat(draft.settles()).containsEntry(A, 14_000L).containsEntry(B, 1_000_000L);
  }

  @Test
  void roundsVatHalfUpOncePerInvoice() {
    // 0.000003 × 0.5 = 0.0000015 → 0.000002
    List<InvoicePlanner.Debits> rows = List.of(new InvoicePlanner.Debits(A, "EUR", "usage", "m", BigDecimal.ONE, 3));
    assertThat(InvoicePlanner.plan(rows, Set.of(), new BigDecimal("0.5")).get(0).vat()).isEqualTo(2);
  }

  @Test
  void aCurrencyAlreadyInvoicedMakesNoDraft() {
    List<InvoicePlanner.Debits> rows = List.of(new InvoicePlanner.Debits(A, "EUR", "usage", "m", BigDecimal.ONE, 3),
        new InvoicePlanner.Debits(B, "USD", "usage", "m", BigDecimal.ONE, 5));
    assertThat(InvoicePlanner.plan(rows, Set.of("EUR"), BigDecimal.ZERO)).extracting(InvoicePlanner.Draft::currency).containsExactly("USD");
  }
}
