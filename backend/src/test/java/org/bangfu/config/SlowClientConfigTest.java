package org.bangfu.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("How long the server waits for a slow client, from environment variables")
class SlowClientConfigTest {

  @Test
  @DisplayName("10 s for a request's headers and 20 s for its body, unless set")
  void defaults() {
    SlowClientConfig d = AppConfig.fromEnv(Map.of()).slowClients();
    assertThat(d.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.bodyTimeout()).isEqualTo(Duration.ofSeconds(20));
    SlowClientConfig c =
        SlowClientConfig.fromEnv(
            Map.of("BANGFU_HEADER_TIMEOUT_SECONDS", " 30 ", "BANGFU_BODY_TIMEOUT_SECONDS", "90"));
    assertThat(c.headerTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.bodyTimeout()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  @DisplayName("a bad value names its variable: no zero, no endless wait, no words")
  void badValues() {
    for (String bad : new String[] {"0", "121", "ten"}) {
      assertThatThrownBy(
              () -> SlowClientConfig.fromEnv(Map.of("BANGFU_HEADER_TIMEOUT_SECONDS", bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("BANGFU_HEADER_TIMEOUT_SECONDS");
    }
    for (String bad : new String[] {"0", "601", "-5"}) {
      assertThatThrownBy(() -> SlowClientConfig.fromEnv(Map.of("BANGFU_BODY_TIMEOUT_SECONDS", bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("BANGFU_BODY_TIMEOUT_SECONDS");
    }
  }
}
