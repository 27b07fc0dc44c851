package io.atrium.billing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunwayTest {

  @Test
  void days_left_at_the_last_seven_days_rate() {
    assertThat(Runway.days(80_000_000, 20_000_000)).hasValue(28.0); // 20.00 a week, 80.00 left
    assertThat(Runway.days(10_000_000, 70_000_000)).hasValue(1.0);
  }

  @Test
  void nothing_spent_has_no_runway_and_no_credit_has_none_left() {
    assertThat(Runway.days(50_000_000, 0)).isEmpty();
    assertThat(Runway.days(-5_000_000, 1)).hasValue(0.0);
  }
}
