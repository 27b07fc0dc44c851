package io.atrium.identity.internal;

import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class TokenSecretTest {

  @Test
  void isAtrPrefixedBase64urlOf256RandomBits() {
    TokenSecret secret = TokenSecret.generate();

    assertThat(secret.value()).startsWith("atr_").matches("atr_[A-Za-z0-9_-]{43}");
    assertThat(Base64.getUrlDecoder().decode(secret.value().substring(4))).hasSize(32);
  }

  @Test
  void storesOnlyTheSha256OfTheToken() throws Exception {
    TokenSecret secret = TokenSecret.generate();

    byte[] expected = MessageDigest.getInstance("SHA-256").digest(secret.value().getBytes(StandardCharsets.UTF_8));
    assertThat(secret.hash()).hasSize(32).isEqualTo(expected).isEqualTo(TokenSecret.hashOf(secret.value()));
  }

  @Test
  void neverRepeats() {
    assertThat(TokenSecret.generate().value()).isNotEqualTo(TokenSecret.generate().value());
  }
}
