package io.atrium.identity.internal;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher();

  @Test
  void writesArgon2idPhcStringsWithOwaspParameters() {
    String phc = hasher.hash("correct horse battery staple");

    assertThat(phc).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    String[] parts = phc.split("\\$");
    assertThat(parts).hasSize(6);
    assertThat(parts[4]).doesNotContain("=");
    assertThat(Base64.getDecoder().decode(parts[4])).hasSize(16);
    assertThat(Base64.getDecoder().decode(parts[5])).hasSize(32);
  }

  @Test
  void verifiesTheRightPasswordOnly() {
    String phc = hasher.hash("correct horse battery staple");

    assertThat(hasher.verify(phc, "correct horse battery staple")).isTrue();
    assertThat(hasher.verify(phc, "correct horse battery stapl")).isFalse();
    assertThat(hasher.verify(phc, "")).isFalse();
  }

  @Test
  void saltsEveryHash() {
    assertThat(hasher.hash("the same password")).isNotEqualTo(hasher.hash("the same password"));
  }

  @Test
  void hashesUnicodePasswordsAsUtf8() {
    String phc = hasher.hash("pässwörd-😀-long-enough");

    assertThat(hasher.verify(phc, "pässwörd-😀-long-enough")).isTrue();
    assertThat(hasher.verify(phc, "passwoerd-😀-long-enough")).isFalse();
  }

  /** Unknown emails are checked against it: it must cost a real verification (same parameters) and match nothing. */
  @Test
  void theUnmatchableHashHasTheRealParametersAndMatchesNoPassword() {
    String dummy = hasher.unmatchable();

    assertThat(dummy).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(hasher.unmatchable());
    assertThat(dummy.length()).isEqualTo(hasher.hash("x").length());
    assertThat(hasher.verify(dummy, "")).isFalse();
    assertThat(hasher.verify(dummy, "correct horse battery staple")).isFalse();
  }
}
