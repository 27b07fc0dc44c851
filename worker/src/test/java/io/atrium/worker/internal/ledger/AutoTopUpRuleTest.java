package io.atrium.worker.internal.ledger;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How much one automatic charge is, and when there is none. */
class AutoTopUpRuleTest {

  private static final long EUR = 1_000_000;
  private static final Instant SET_AT = Instant.parse("2026-11-01T00:00:00Z");

  @Test
  void target_mode_charges_what_reaches_the_target_rounded_up_to_a_cent_within_the_top_up_bounds() {
    assertThat(AutoTopUpRule.amount(target(100 * EUR, null), new SpendState(), -40 * EUR)).isEqualTo(140 * EUR);
    assertThat(AutoTopUpRule.amount(target(100 * EUR, null), new SpendState(), 20 * EUR + 1)).as("79.999999").isEqualTo(80 * EUR);
    assertThat(AutoTopUpRule.amount(target(100 * EUR, null), new SpendState(), 20 * EUR - 1)).as("80.000001").isEqualTo(80 * EUR + 10_000);
    assertThat(AutoTopUpRule.amount(target(55 * EUR, null), new SpendState(), 49 * EUR)).as("at least 10.00").isEqualTo(10 * EUR);
    assertThat(AutoTopUpRule.amount(target(9_000 * EUR, null), new SpendState(), 0)).as("at most 5000.00").isEqualTo(5_000 * EUR);
  }

  @Test
  void the_monthly_cap_makes_a_charge_smaller_or_none() {
    SpendState spend = new SpendState();
    spend.monthAutoTopUps = 60 * EUR;
    assertThat(AutoTopUpRule.amount(target(100 * EUR, 100 * EUR), spend, 0)).isEqualTo(40 * EUR);
    spend.monthAutoTopUps = 95 * EUR;
    assertThat(AutoTopUpRule.amount(target(100 * EUR, 100 * EUR), spend, 0)).as("5.00 left: below a top-up").isZero();
  }

  @Test
  void no_charge_above_the_threshold_without_a_card_or_while_off_after_declines_under_the_same_setting() {
    assertThat(AutoTopUpRule.amount(target(100 * EUR, null), new SpendState(), 50 * EUR)).isZero();
    LedgerState.Account noCard = new LedgerState.Account("card", null, null, 50 * EUR, null, null, null, controls("target", 100 * EUR, null));
    assertThat(AutoTopUpRule.amount(noCard, new SpendState(), 0)).isZero();
    SpendState off = new SpendState();
    off.autoTopUpDisabledAt = SET_AT.plusSeconds(60);
    off.declinesSetAt = SET_AT;
    assertThat(AutoTopUpRule.amount(target(100 * EUR, null), off, 0)).isZero();
    off.declinesSetAt = SET_AT.minusSeconds(60); // saved again since
    assertThat(AutoTopUpRule.amount(target(100 * EUR, null), off, 0)).isEqualTo(100 * EUR);
  }

  @Test
  void no_charge_while_disarmed_and_a_new_setting_or_the_balance_at_the_threshold_arms_it_again() {
    SpendState spend = new SpendState();
    spend.armedSetAt = SET_AT;
    spend.autoTopUpArmed = false; // an approved charge this crossing
    assertThat(AutoTopUpRule.amount(target(100 * EUR, null), spend, 0)).isZero();
    AutoTopUpRule.rearm(target(100 * EUR, null), spend, 49 * EUR);
    assertThat(spend.autoTopUpArmed).as("still below").isFalse();
    AutoTopUpRule.rearm(target(100 * EUR, null), spend, 50 * EUR);
    assertThat(spend.autoTopUpArmed).as("at the threshold").isTrue();

    spend.autoTopUpArmed = false;
    LedgerState.Account saved = new LedgerState.Account("card", "card_1", null, 50 * EUR, null, null, null,
        new LedgerState.Controls("target", 100 * EUR, null, SET_AT.plusSeconds(60), null, null, null, List.of(), 0));
    AutoTopUpRule.rearm(saved, spend, 0);
    assertThat(AutoTopUpRule.amount(saved, spend, 0)).as("saved again").isEqualTo(100 * EUR);
  }

  @Test
  void an_account_from_before_the_modes_with_a_threshold_and_an_amount_is_fixed() {
    LedgerState.Account old = new LedgerState.Account("card", "card_1", null, 5 * EUR, 20 * EUR);
    assertThat(AutoTopUpRule.mode(old)).isEqualTo("fixed");
    assertThat(AutoTopUpRule.amount(old, new SpendState(), 4 * EUR)).isEqualTo(20 * EUR);
  }

  private static LedgerState.Account target(long target, Long cap) {
    return new LedgerState.Account("card", "card_1", null, 50 * EUR, null, null, null, controls("target", target, cap));
  }

  private static LedgerState.Controls controls(String mode, Long target, Long cap) {
    return new LedgerState.Controls(mode, target, cap, SET_AT, null, null, null, List.of(), 0);
  }
}
