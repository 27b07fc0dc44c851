package io.atrium.identity.internal;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id password hashes in PHC string format, with OWASP's parameters (19 MiB, 2 passes, 1 lane).
 * Blocking and CPU-bound (~50-100 ms): call it from the password pool's threads only (see {@link Passwords}).
 * The 19 MiB of blocks a hash works in are kept for the next one, up to one set per hashing thread: allocated afresh,
 * a storm of sign-ins filled the small heap and spent most of its time in full GCs that stopped the event loops too.
 */
public final class PasswordHasher {

  static final int MEMORY_KIB = 19456;
  static final int ITERATIONS = 2;
  static final int PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Pattern PHC = Pattern.compile(
      "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

  private static final int BLOCKS = Argon2BytesGenerator.getBlockCount(MEMORY_KIB, PARALLELISM);

  /**
   * The hasher's own generator: the default one is shared by the whole JVM behind one lock, which the event loops take
   * for session tokens, and the hashing threads may run at idle priority (a lock they hold could stall a loop).
   */
  private final SecureRandom random = drbg();
  /** Block sets not in use; a hash takes one (or makes one) and gives it back if there is room. */
  private final BlockingQueue<Argon2BytesGenerator.BlockPool> idleBlocks;

  /** @param keptBlockSets how many 19 MiB block sets to keep between hashes: the threads that hash at once */
  public PasswordHasher(int keptBlockSets) {
    this.idleBlocks = new ArrayBlockingQueue<>(Math.max(1, keptBlockSets));
  }

  public PasswordHasher() {
    this(1);
  }

  private static SecureRandom drbg() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no DRBG SecureRandom", e);
    }
  }

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return phc(salt, argon2id(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES));
  }

  private static String phc(byte[] salt, byte[] hash) {
    return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
        + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  /**
   * A well-formed hash of random bytes under a random salt, with the usual parameters: no password matches it, and
   * checking one against it costs what a real check costs.
   */
  public String unmatchable() {
    byte[] salt = new byte[SALT_BYTES];
    byte[] hash = new byte[HASH_BYTES];
    random.nextBytes(salt);
    random.nextBytes(hash);
    return phc(salt, hash);
  }

  /** Whether the password matches; compares in constant time, with the parameters stored in the hash. */
  public boolean verify(String phc, String password) {
    Matcher parts = PHC.matcher(phc);
    if (!parts.matches()) {
      throw new IllegalArgumentException("not an Argon2id PHC string");
    }
    byte[] salt = B64_DECODER.decode(parts.group(4));
    byte[] expected = B64_DECODER.decode(parts.group(5));
    byte[] actual = argon2id(password, salt, Integer.parseInt(parts.group(1)), Integer.parseInt(parts.group(2)),
        Integer.parseInt(parts.group(3)), expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  /** Hashes older parameters (another memory size or lane count) too, in blocks of their own. */
  byte[] argon2id(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    boolean usual = memoryKib == MEMORY_KIB && parallelism == PARALLELISM;
    Argon2BytesGenerator.BlockPool blocks = usual ? idleBlocks.poll() : null;
    Argon2Parameters.Builder parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(memoryKib)
        .withIterations(iterations)
        .withParallelism(parallelism)
        .withSalt(salt);
    if (usual) {
      blocks = blocks != null ? blocks : new Argon2BytesGenerator.FixedBlockPool(BLOCKS);
      parameters.withBlockPool(blocks);
    }
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters.build());
    byte[] out = new byte[length];
    try {
      generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    } finally {
      if (blocks != null) {
        idleBlocks.offer(blocks); // dropped when the queue is full: the GC takes it
      }
    }
    return out;
  }
}
