package org.bangfu.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Configuration from environment variables")
class AppConfigTest {

  @Test
  @DisplayName(
      "defaults: port 8080, embedded database in ./data, token key from the database, no cluster")
  void defaults() {
    AppConfig c = AppConfig.fromEnv(Map.of());
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.databaseUrl()).isEmpty();
    assertThat(c.dataDir().toString()).endsWith("data");
    assertThat(c.jwtSecret()).isEmpty();
    assertThat(c.tokenTtlSeconds()).isEqualTo(3600);
    assertThat(c.cluster()).isFalse();
    assertThat(c.loadDemoData()).isTrue();
    assertThat(c.clusterMembers()).isEmpty();
  }

  @Test
  @DisplayName("reads every variable")
  void readsAll() {
    AppConfig c =
        AppConfig.fromEnv(
            Map.of(
                "BANGFU_PORT",
                "9090",
                "DATABASE_URL",
                "postgresql://u:p@db:5432/bangfu",
                "BANGFU_DATA_DIR",
                "/var/lib/bangfu",
                "BANGFU_CLUSTER",
                "true",
                "BANGFU_CLUSTER_MEMBERS",
                "10.0.0.1, 10.0.0.2:5702",
                "BANGFU_DEMO_DATA",
                "off",
                "BANGFU_JWT_SECRET",
                "x".repeat(40),
                "BANGFU_TOKEN_TTL_SECONDS",
                "600"));
    assertThat(c.port()).isEqualTo(9090);
    assertThat(c.databaseUrl()).contains("postgresql://u:p@db:5432/bangfu");
    assertThat(c.dataDir().toString()).isEqualTo("/var/lib/bangfu");
    assertThat(c.cluster()).isTrue();
    assertThat(c.clusterMembers()).containsExactly("10.0.0.1", "10.0.0.2:5702");
    assertThat(c.loadDemoData()).isFalse();
    assertThat(c.tokenTtlSeconds()).isEqualTo(600);
  }

  @Test
  @DisplayName("a bad value names its variable")
  void badValues() {
    assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("BANGFU_PORT", "eighty")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("BANGFU_PORT");
    assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("BANGFU_PORT", "70000")))
        .hasMessageContaining("BANGFU_PORT");
    assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("BANGFU_CLUSTER", "maybe")))
        .hasMessageContaining("BANGFU_CLUSTER");
    assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("BANGFU_JWT_SECRET", "short")))
        .hasMessageContaining("BANGFU_JWT_SECRET");
    assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("BANGFU_DEMO_DATA", "always")))
        .hasMessageContaining("BANGFU_DEMO_DATA");
  }
}
