package io.atrium.platform;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings that name one of a few choices, such as {@code passwords.hashPriority}. */
class AtriumConfigChoiceTest {

  @Test
  void aChoiceIsReadInAnyCaseFromTheEnvironmentAndTheShippedDefaultIsIdle() {
    assertThat(AtriumConfig.load(Map.of()).choice("passwords.hashPriority", BoundedWorkerPool.CpuPriority.class))
        .isEqualTo(BoundedWorkerPool.CpuPriority.IDLE);
    assertThat(AtriumConfig.load(Map.of("ATRIUM_PASSWORDS_HASH_PRIORITY", " Normal "))
        .choice("passwords.hashPriority", BoundedWorkerPool.CpuPriority.class))
        .isEqualTo(BoundedWorkerPool.CpuPriority.NORMAL);
  }

  @Test
  void anUnknownChoiceStopsTheStartNamingTheVariableAndTheAllowedValues() {
    AtriumConfig config = AtriumConfig.load(Map.of("ATRIUM_PASSWORDS_HASH_PRIORITY", "realtime"));
    assertThatThrownBy(() -> config.choice("passwords.hashPriority", BoundedWorkerPool.CpuPriority.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ATRIUM_PASSWORDS_HASH_PRIORITY")
        .hasMessageContaining("must be one of normal, idle")
        .hasMessageContaining("was realtime");
  }
}
