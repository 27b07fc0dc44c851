package io.atrium.platform;

import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.function.LongFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionsTest {

  @Test
  void the_same_key_always_lands_in_the_same_partition() {
    // Pinned values: if these change, a deploy would move workspaces to other partitions mid-stream.
    assertThat(Partitions.of(UUID.fromString("3f1c5a7e-9b2d-4e8f-a1c3-5d7e9f1b3c5a"), 16)).isEqualTo(5);
    assertThat(Partitions.of(UUID.fromString("00000000-0000-0000-0000-000000000001"), 4)).isEqualTo(1);
    UUID key = UUID.randomUUID();
    assertThat(Partitions.of(UUID.fromString(key.toString()), 7)).isEqualTo(Partitions.of(key, 7));
  }

  @Test
  void random_keys_spread_over_every_partition() {
    assertEvenSpread(8, 80_000, i -> UUID.randomUUID());
  }

  @Test
  void time_ordered_keys_spread_too() {
    assertEvenSpread(4, 4_000, i -> new UUID(0x0190_0000_0000_7000L, i));
  }

  @Test
  void routing_keys_name_the_partition_and_bad_counts_are_refused() {
    assertThat(Partitions.routingKey(3)).isEqualTo("p3");
    assertThatThrownBy(() -> Partitions.of(UUID.randomUUID(), 0)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Every partition gets its share of the keys, within 10 %. */
  private static void assertEvenSpread(int partitions, int keys, LongFunction<UUID> key) {
    int[] counts = new int[partitions];
    for (long i = 0; i < keys; i++) {
      counts[Partitions.of(key.apply(i), partitions)]++;
    }
    int share = keys / partitions;
    for (int count : counts) {
      assertThat(count).isBetween(share * 9 / 10, share * 11 / 10);
    }
  }
}
