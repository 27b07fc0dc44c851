package io.atrium.platform;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

  @Test
  void aTokenIsThePrefixAnd256RandomBitsInBase64url() {
    String token = Secrets.newToken("inv_");

    assertThat(token).startsWith("inv_").hasSize(4 + 43);
    assertThat(Base64.getUrlDecoder().decode(token.substring(4))).hasSize(32);
    assertThat(Secrets.newToken("inv_")).isNotEqualTo(token);
    assertThat(Secrets.wellFormed(token, "inv_")).isTrue();
    assertThat(Secrets.wellFormed(token + "x", "inv_")).isFalse();
    assertThat(Secrets.wellFormed("atr_" + token.substring(4), "inv_")).isFalse();
  }

  @Test
  void theStoredHashIsSha256OfTheUtf8Text() {
    // the published SHA-256 of "abc": rows stored before this class existed must still match
    assertThat(HexFormat.of().formatHex(Secrets.sha256("abc")))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(HexFormat.of().formatHex(Secrets.sha256("é"))) // UTF-8 bytes c3 a9, not one Latin-1 byte
        .isEqualTo("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
  }

  @Test
  void onlyThePresentedTokenMatchesItsHash() {
    String token = Secrets.newToken();
    byte[] stored = Secrets.sha256(token);

    assertThat(Secrets.matches(stored, token)).isTrue();
    assertThat(Secrets.matches(stored, Secrets.newToken())).isFalse();
    assertThat(Secrets.matches(stored, null)).isFalse();
  }
}
