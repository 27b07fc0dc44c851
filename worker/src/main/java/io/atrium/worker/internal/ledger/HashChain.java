package io.atrium.worker.internal.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The billing log's hash chain. {@code hash = SHA-256(prevHash || canonical(entry))}, where the first
 * entry's {@code prevHash} is 32 zero bytes and {@code canonical(entry)} is these seven fields in this
 * order, each written as a 4-byte big-endian length followed by that many bytes of UTF-8 text:
 * <ol>
 *   <li>workspace id: lower-case hyphenated UUID ({@code 3f2c...-...});</li>
 *   <li>seq: decimal;</li>
 *   <li>type: {@code top_up}, {@code credit_grant}, {@code consumption}, {@code usage}, {@code invoice}, {@code adjustment};</li>
 *   <li>amount: signed decimal micro-units ({@code -7000});</li>
 *   <li>balance after: signed decimal micro-units;</li>
 *   <li>source id: as stored;</li>
 *   <li>occurred at: decimal microseconds since 1970-01-01T00:00:00Z.</li>
 * </ol>
 * Length prefixes make the encoding unambiguous whatever characters a source id holds.
 */
public final class HashChain {

  public static final int HASH_BYTES = 32;

  /** One digest per thread: looking one up costs more than hashing a small entry. digest() leaves it reset. */
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(HashChain::sha256);

  private HashChain() {}

  public static byte[] genesis() {
    return new byte[HASH_BYTES];
  }

  public static byte[] next(byte[] previous, UUID workspaceId, long seq, String type, long amount, long balanceAfter,
      String sourceId, Instant occurredAt) {
    byte[] entry = canonical(workspaceId, seq, type, amount, balanceAfter, sourceId, occurredAt); // may throw: before any update
    MessageDigest sha256 = SHA_256.get();
    sha256.reset(); // nothing left over from a use that failed half-way
    sha256.update(previous);
    sha256.update(entry);
    return sha256.digest();
  }

  /** The canonical bytes of an entry (without the previous hash). */
  public static byte[] canonical(UUID workspaceId, long seq, String type, long amount, long balanceAfter, String sourceId,
      Instant occurredAt) {
    String[] fields = {workspaceId.toString(), Long.toString(seq), type, Long.toString(amount), Long.toString(balanceAfter),
        sourceId, Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt))};
    byte[][] encoded = new byte[fields.length][];
    int size = 0;
    for (int i = 0; i < fields.length; i++) {
      encoded[i] = fields[i].getBytes(StandardCharsets.UTF_8);
      size += Integer.BYTES + encoded[i].length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    for (byte[] field : encoded) {
      out.putInt(field.length).put(field);
    }
    return out.array();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
