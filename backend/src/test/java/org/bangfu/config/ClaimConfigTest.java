package org.bangfu.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("How a node groups claims into batches, from environment variables")
class ClaimConfigTest {

  @Test
  @DisplayName("up to 32 claims a batch, one batch at a time, unless set")
  void defaults() {
    ClaimConfig d = AppConfig.fromEnv(Map.of()).claims();
    assertThat(d.batchMax()).isEqualTo(32);
    assertThat(d.batchesInFlight()).isEqualTo(1);
    ClaimConfig c =
        ClaimConfig.fromEnv(Map.of("BANGFU_CLAIM_BATCH_MAX", " 1 ", "BANGFU_CLAIM_BATCHES", "8"));
    assertThat(c.batchMax()).isEqualTo(1);
    assertThat(c.batchesInFlight()).isEqualTo(8);
  }

  @Test
  @DisplayName("a bad value names its variable: no batch above 64 savepoints, none empty")
  void badValues() {
    for (String bad : new String[] {"0", "65", "many"}) {
      assertThatThrownBy(() -> ClaimConfig.fromEnv(Map.of("BANGFU_CLAIM_BATCH_MAX", bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("BANGFU_CLAIM_BATCH_MAX");
    }
    for (String bad : new String[] {"0", "9", "-1"}) {
      assertThatThrownBy(() -> ClaimConfig.fromEnv(Map.of("BANGFU_CLAIM_BATCHES", bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("BANGFU_CLAIM_BATCHES");
    }
  }
}
