package io.atrium.worker.internal.ledger;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class HashChainTest {

  private static final UUID WS = UUID.fromString("3f2c8a1e-0000-4000-8000-00000000abcd");
  private static final Instant AT = Instant.parse("2026-11-27T10:00:00.123456Z");

  @Test
  void the_canonical_form_is_seven_length_prefixed_utf8_fields() {
    byte[] canonical = HashChain.canonical(WS, 7, "consumption", -7000, 93000, "consumption:r1:2026-11-27T10:00:00Z", AT);

    ByteBuffer in = ByteBuffer.wrap(canonical);
    String[] fields = new String[7];
    for (int i = 0; i < 7; i++) {
      byte[] field = new byte[in.getInt()];
      in.get(field);
      fields[i] = new String(field, StandardCharsets.UTF_8);
    }
    assertThat(in.hasRemaining()).isFalse();
    assertThat(fields).containsExactly("3f2c8a1e-0000-4000-8000-00000000abcd", "7", "consumption", "-7000", "93000",
        "consumption:r1:2026-11-27T10:00:00Z", "1795773600123456");
  }

  @Test
  void each_hash_is_sha256_of_the_previous_hash_and_the_canonical_bytes() throws Exception {
    byte[] first = HashChain.next(HashChain.genesis(), WS, 1, "top_up", 100_000_000, 100_000_000, "top-up:x", AT);

    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(new byte[32]);
    sha.update(HashChain.canonical(WS, 1, "top_up", 100_000_000, 100_000_000, "top-up:x", AT));
    assertThat(HexFormat.of().formatHex(first)).isEqualTo(HexFormat.of().formatHex(sha.digest())).hasSize(64);
  }

  @Test
  void any_changed_field_or_predecessor_changes_the_hash() {
    byte[] base = HashChain.next(HashChain.genesis(), WS, 1, "usage", -5, -5, "usage:b", AT);

    assertThat(HashChain.next(HashChain.genesis(), WS, 1, "usage", -6, -5, "usage:b", AT)).isNotEqualTo(base);
    assertThat(HashChain.next(HashChain.genesis(), WS, 2, "usage", -5, -5, "usage:b", AT)).isNotEqualTo(base);
    assertThat(HashChain.next(HashChain.genesis(), WS, 1, "usage", -5, -5, "usage:b", AT.plusNanos(1000))).isNotEqualTo(base);
    assertThat(HashChain.next(base, WS, 1, "usage", -5, -5, "usage:b", AT)).isNotEqualTo(base);
    // Length prefixes: moving a character from one field to the next is a different entry.
    assertThat(HashChain.canonical(WS, 1, "usage", -5, -5, "usage:b", AT))
        .isNotEqualTo(HashChain.canonical(WS, 1, "usag", -5, -5, "eusage:b", AT));
  }
}
