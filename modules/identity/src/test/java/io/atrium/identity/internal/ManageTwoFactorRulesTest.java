package io.atrium.identity.internal;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.SecretCipher;
import io.atrium.platform.testing.InMemoryUnitOfWork;
import io.atrium.platform.testing.MutableClock;
import io.atrium.platform.testing.Savepoints;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.otp.OtpKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Confirming a TOTP enrolment, on the use case with in-memory storage: turning it on and its recovery codes are one change. */
class ManageTwoFactorRulesTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  private final InMemorySecondFactors secondFactors = new InMemorySecondFactors();
  private final InMemoryLoginFailures failures = new InMemoryLoginFailures();
  private final InMemoryUnitOfWork<IdentityTables> storage = new InMemoryUnitOfWork<>(
      new IdentityTables(null, null, failures, null, secondFactors, null, null),
      () -> Savepoints.of(secondFactors.totp, secondFactors.recoveryCodes, failures.windows));
  private final SecondFactorChecks checks = new SecondFactorChecks(storage, cipher(),
      new Throttle(failures, clock, Duration.ofMinutes(15), 5, "Too many wrong codes"), clock);
  private final ManageTwoFactor twoFactor = new ManageTwoFactor(storage, checks, clock);
  private final UUID userId = UUID.randomUUID();
  private final String secret = TotpCodes.newSecret();
  private final List<byte[]> oldCodes = List.of(RecoveryCodes.hash("old-code"));

  ManageTwoFactorRulesTest() {
    secondFactors.totp.put(userId, new SecondFactors.Stored(checks.encrypt(userId, secret), null, null));
    secondFactors.recoveryCodes.put(userId, oldCodes);
  }

  @Test
  void aRightCodeTurnsItOnWithTenNewRecoveryCodesInOneTransaction() {
    JsonObject reply = twoFactor.confirm(confirmation(currentCode())).await();

    assertThat(reply.getJsonArray("recoveryCodes")).hasSize(10);
    assertThat(secondFactors.totp.get(userId).enabledAt()).isEqualTo(clock.instant());
    assertThat(secondFactors.recoveryCodes.get(userId)).hasSize(10).doesNotContainAnyElementsOf(oldCodes);
    assertThat(storage.committed()).isEqualTo(1);
  }

  @Test
  void whenTheRecoveryCodesCannotBeStoredItStaysOffWithTheOldCodes() {
    secondFactors.failAddingCodes = true;

    assertThatThrownBy(() -> twoFactor.confirm(confirmation(currentCode())).await()).hasMessageContaining("insert failed");

    assertThat(secondFactors.totp.get(userId).enabledAt()).isNull();
    assertThat(secondFactors.recoveryCodes.get(userId)).isSameAs(oldCodes);
    assertThat(storage.rolledBack()).isEqualTo(1);
  }

  private JsonObject confirmation(String code) {
    return new JsonObject().put("userId", userId.toString()).put("code", code);
  }

  private String currentCode() {
    return TotpCodes.code(new OtpKey().setKey(secret).getKeyBytes(), clock.instant().getEpochSecond() / TotpCodes.PERIOD_SECONDS);
  }

  private static SecretCipher cipher() {
    AtriumConfig config = AtriumConfig.load(Map.of()).with(Map.of("mfa.secretKey", Base64.getEncoder().encodeToString(new byte[32])));
    return SecretCipher.fromConfig(config, "mfa.secretKey", "TOTP secrets");
  }
}
