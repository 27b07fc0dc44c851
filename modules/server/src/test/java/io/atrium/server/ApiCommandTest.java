package io.atrium.server;

import io.atrium.platform.AtriumConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiCommandTest {

  private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  @Test
  void theApiRefusesToStartWithoutEitherSecretKey() {
    // The shipped defaults and no environment: no key, so it must stop before anything starts.
    assertThatThrownBy(() -> SecretKeys.require(AtriumConfig.load(Map.of())))
        .isInstanceOf(StartupRefused.class).hasMessageStartingWith("ATRIUM_SSO_SECRET_KEY is not set");
    assertThatThrownBy(() -> SecretKeys.require(AtriumConfig.load(Map.of("ATRIUM_SSO_SECRET_KEY", KEY))))
        .isInstanceOf(StartupRefused.class).hasMessageStartingWith("ATRIUM_MFA_SECRET_KEY is not set");
    assertThatThrownBy(() -> SecretKeys.require(AtriumConfig.load(Map.of("ATRIUM_SSO_SECRET_KEY", KEY, "ATRIUM_MFA_SECRET_KEY", KEY))))
        .isInstanceOf(StartupRefused.class).hasMessageStartingWith("ATRIUM_OUTBOX_SECRET_KEY is not set");
    SecretKeys.require(AtriumConfig.load(Map.of("ATRIUM_SSO_SECRET_KEY", KEY, "ATRIUM_MFA_SECRET_KEY", KEY, "ATRIUM_OUTBOX_SECRET_KEY", KEY)));
    assertThat(SecretKeys.REQUIRED).contains("sso.secretKey", "mfa.secretKey", "outbox.secretKey");
  }
}
