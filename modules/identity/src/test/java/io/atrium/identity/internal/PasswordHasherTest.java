package io.atrium.identity.internal;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

  /** Reused blocks come from an earlier hash: the next hash must not depend on it, whichever hash ran before. */
  @Test
  void reusedBlocksGiveTheSameHashAsFreshOnes() {
    byte[] salt = "sixteen byte s!!".getBytes(StandardCharsets.UTF_8);
    byte[] fresh = new PasswordHasher().argon2id("the password", salt, PasswordHasher.MEMORY_KIB, PasswordHasher.ITERATIONS,
        PasswordHasher.PARALLELISM, 32);
    PasswordHasher reusing = new PasswordHasher(1);
    for (String before : new String[] {"another", "yet another password", ""}) {
      reusing.hash(before);
      byte[] again = reusing.argon2id("the password", salt, PasswordHasher.MEMORY_KIB, PasswordHasher.ITERATIONS,
          PasswordHasher.PARALLELISM, 32);
      assertThat(again).as("after hashing %s", before).isEqualTo(fresh);
    }
    assertThat(reusing.argon2id("the password", salt, 8192, 1, 1, 32)).as("other parameters, other blocks")
        .isNotEqualTo(fresh).hasSize(32);
    assertThat(Arrays.equals(fresh, new byte[32])).isFalse();
  }

  /**
   * A known answer from the reference implementation (Debian's {@code argon2} CLI: {@code echo -n "kept across versions"
   * | argon2 "atrium-kat-salt!" -id -t 2 -k 19456 -p 1 -l 32 -e}): stored hashes keep verifying with reused blocks.
   */
  @Test
  void aHashFromTheReferenceImplementationVerifiesWithReusedBlocks() {
    String stored = "$argon2id$v=19$m=19456,t=2,p=1$YXRyaXVtLWthdC1zYWx0IQ$t4APxvcu52k7q8s5J3BIeUT9uM1qO8p8kjOCE+Pwub0";
    PasswordHasher reusing = new PasswordHasher(2);
    for (int i = 0; i < 3; i++) {
      assertThat(reusing.verify(stored, "kept across versions")).isTrue();
      assertThat(reusing.verify(stored, "kept across version")).isFalse();
    }
  }

  /**
   * The point of reuse: a hash with the usual parameters allocates next to nothing once a block set exists (fresh, it
   * allocates its 19 MiB, which a storm of sign-ins turned into back-to-back full GCs).
   */
  @Test
  void aSecondHashReusesTheBlocksInsteadOfAllocating19MiB() {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    PasswordHasher reusing = new PasswordHasher(1);
    String stored = reusing.hash("warm up: makes the one block set");
    long before = threads.getCurrentThreadAllocatedBytes();
    reusing.verify(stored, "warm up: makes the one block set");
    long reused = threads.getCurrentThreadAllocatedBytes() - before;
    before = threads.getCurrentThreadAllocatedBytes();
    reusing.argon2id("other parameters", new byte[16], 8192, 1, 1, 32);
    long fresh = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(fresh).as("a hash in fresh blocks allocates its memory").isGreaterThan(8L << 20);
    assertThat(reused).as("a hash in reused blocks allocates under 1 MiB").isLessThan(1L << 20);
  }
}
