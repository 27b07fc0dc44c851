package io.atrium.platform;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

  @Test
  void parsesDecimalStringsToMicros() {
    assertThat(Money.parse("12.50")).isEqualTo(12_500_000L);
    assertThat(Money.parse("0.006849")).isEqualTo(6_849L);
    assertThat(Money.parse("5000")).isEqualTo(5_000_000_000L);
    assertThat(Money.parse("-3.1")).isEqualTo(-3_100_000L);
  }

  @Test
  void refusesWhatIsNotExactMoney() {
    for (String bad : new String[] {"1.0000001", "1e3", "", " 1", "1.", ".5", "abc", "NaN", "9999999999999", "99999999999999"}) {
      assertThatThrownBy(() -> Money.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void formatsWithTwoToSixFractionDigits() {
    assertThat(Money.format(12_500_000L)).isEqualTo("12.50");
    assertThat(Money.format(6_849L)).isEqualTo("0.006849");
    assertThat(Money.format(-3_000_000L)).isEqualTo("-3.00");
    assertThat(Money.format(0)).isEqualTo("0.00");
    assertThat(Money.format(7_000L, 4)).isEqualTo("0.0070");
  }

  @Test
  void meteredChargesRoundUpToAMicro() {
    assertThat(Money.times(new BigDecimal("2.5"), 30L)).isEqualTo(75L);
    assertThat(Money.times(new BigDecimal("0.01"), 30L)).isEqualTo(1L);
    assertThat(Money.times(new BigDecimal("0.05"), 30L)).isEqualTo(2L);
    assertThat(Money.times(BigDecimal.ZERO, 30L)).isZero();
  }
}
