package org.bangfu.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("How match rounds are solved, from environment variables")
class RoundConfigTest {

  @Test
  @DisplayName("villages not yet helped come first unless turned off; no floor unless set")
  void defaults() {
    RoundConfig d = AppConfig.fromEnv(Map.of()).rounds();
    assertThat(d.fairness()).isTrue();
    assertThat(d.floors()).isEmpty();
    RoundConfig c =
        RoundConfig.fromEnv(
            Map.of(
                "BANGFU_ROUND_FAIRNESS", "OFF", "BANGFU_ROUND_FLOORS", "CNY=1000, item:大米 = 50"));
    assertThat(c.fairness()).isFalse();
    assertThat(c.floors()).isEqualTo(Map.of("CNY", 1000L, "item:大米", 50L));
  }

  @Test
  @DisplayName("a bad value names its variable and what is wrong")
  void badValues() {
    assertThatThrownBy(() -> RoundConfig.fromEnv(Map.of("BANGFU_ROUND_FAIRNESS", "maybe")))
        .hasMessageContaining("BANGFU_ROUND_FAIRNESS")
        .hasMessageContaining("on or off");
    for (String bad : new String[] {"CNY", "CNY=0", "CNY=lots", "gold=5", "CNY=1,CNY=2"}) {
      assertThatThrownBy(() -> RoundConfig.fromEnv(Map.of("BANGFU_ROUND_FLOORS", bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("BANGFU_ROUND_FLOORS");
    }
  }
}
