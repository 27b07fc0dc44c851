package io.atrium.platform;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

  @Test
  void thereIsNoBuiltInKeyToFallBackTo() {
    assertThatThrownBy(() -> SecretCipher.fromConfig(AtriumConfig.load(Map.of()), "sso.secretKey", "SSO client secrets"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ATRIUM_SSO_SECRET_KEY");
  }

  @Test
  void aConfiguredKeySealsSecretsToTheirOrganization() {
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    SecretCipher cipher = SecretCipher.fromConfig(AtriumConfig.load(Map.of("ATRIUM_SSO_SECRET_KEY", key)), "sso.secretKey", "SSO client secrets");
    byte[] sealed = cipher.encrypt("client secret", "org-1");
    assertThat(cipher.decrypt(sealed, "org-1")).isEqualTo("client secret");
    assertThatThrownBy(() -> cipher.decrypt(sealed, "org-2")).isInstanceOf(IllegalStateException.class);
  }
}
