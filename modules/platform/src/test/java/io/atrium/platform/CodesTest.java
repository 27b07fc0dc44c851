package io.atrium.platform;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CodesTest {

  @Test
  void everyCodeHasAnErrorStatusATitleAndADistinctMachineString() {
    Set<String> seen = new HashSet<>();
    for (Codes code : Codes.values()) {
      assertThat(code.status()).as(code.name()).isBetween(400, 599);
      assertThat(code.title()).as(code.name()).isNotBlank();
      assertThat(code.value()).as(code.name()).matches("[a-z]+(_[a-z]+)*");
      // mfa_required alone names two situations: at sign-in (401) and on an organization that requires it (403).
      assertThat(seen.add(code.value()) || code == Codes.MFA_ENROLMENT_REQUIRED).as("duplicate " + code.value()).isTrue();
      // Only the server's own failures are 5xx; a client's mistake never is.
      if (code.status() >= 500) {
        assertThat(code).isIn(Codes.INTERNAL, Codes.UNAVAILABLE);
      }
    }
  }

  @Test
  void everyCodeSurvivesTheEventBusAndUnknownOnesAreNotGuessed() {
    for (Codes code : Codes.values()) {
      Rejection sent = Rejection.of(code, "detail").with("retryAfter", 3);
      assertThat(Rejection.fromJson(sent.toJson())).isEqualTo(sent);
    }
    assertThat(Codes.of("something_newer")).isEqualTo(Codes.INTERNAL);
  }

  @Test
  void refusalsOfAStateAreConflicts() {
    for (Codes code : new Codes[] {Codes.INHERITED_ACCESS, Codes.DOMAIN_UNVERIFIED, Codes.TOP_UP_PENDING, Codes.BALANCE_NOT_ZERO}) {
      assertThat(code.status()).as(code.name()).isEqualTo(409);
    }
    assertThat(Codes.MFA_REQUIRED.status()).isEqualTo(401);
    assertThat(Codes.MFA_ENROLMENT_REQUIRED.status()).isEqualTo(403);
  }
}
