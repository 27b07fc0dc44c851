package io.atrium.billing;

import io.atrium.platform.Money;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class RunwayTest {

  private static final long EUR = Money.MICROS_PER_UNIT;

  @Test
  void daysOfCreditAtTheLastWeeksRate() {
    // 70.00 spent in 7 days is 10.00 a day: 100.00 lasts 10 days.
    assertThat(Runway.days(100 * EUR, 70 * EUR)).isEqualTo(OptionalLong.of(10));
    assertThat(Runway.days(Money.parse("3.50"), 7 * EUR)).isEqualTo(OptionalLong.of(3));
  }

  @Test
  void partDaysRoundDownSoAWarningIsNeverLate() {
    // 69.00 at 10.00 a day is 6.9 days.
    assertThat(Runway.days(69 * EUR, 70 * EUR)).isEqualTo(OptionalLong.of(6));
    assertThat(Runway.days(1, 70 * EUR)).isEqualTo(OptionalLong.of(0));
  }

  @Test
  void noSpendIsNoRunwayAndNoCreditIsZeroDays() {
    assertThat(Runway.days(100 * EUR, 0)).isEmpty();
    assertThat(Runway.days(0, 0)).isEmpty();
    assertThat(Runway.days(0, 5 * EUR)).isEqualTo(OptionalLong.of(0));
    assertThat(Runway.days(-20 * EUR, 5 * EUR)).isEqualTo(OptionalLong.of(0));
  }

  @Test
  void hugeBalancesAtTinyRatesDoNotOverflow() {
    assertThat(Runway.days(Long.MAX_VALUE, 1)).isEqualTo(OptionalLong.of(Long.MAX_VALUE));
    assertThat(Runway.days(Long.MAX_VALUE / 2, 7)).isEqualTo(OptionalLong.of(Long.MAX_VALUE / 2));
  }

  @Test
  void theWindowIsTheSevenDaysBeforeNow() {
    Instant now = Instant.parse("2030-03-08T12:00:00Z");
    assertThat(Runway.windowStart(now)).isEqualTo(Instant.parse("2030-03-01T12:00:00Z"));
  }
}
