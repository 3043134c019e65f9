package org.bangfu.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Notice and supervision settings from environment variables")
class FundsConfigTest {

  @Test
  @DisplayName("a notice is open 10 days, a household's status change 7, each kind configurable")
  void windows() {
    FundsConfig d = FundsConfig.defaults();
    assertThat(d.windowDays("project_approved")).isEqualTo(10);
    assertThat(d.windowDays("household_status")).isEqualTo(7);
    FundsConfig c =
        FundsConfig.fromEnv(
            Map.of(
                "BANGFU_NOTICE_WINDOW_DAYS",
                "12",
                "BANGFU_NOTICE_WINDOW_DAYS_PROJECT_ACCEPTED",
                "15",
                "BANGFU_ALERT_DELIVERY_DAYS",
                "45"));
    assertThat(c.windowDays("project_approved")).isEqualTo(12);
    assertThat(c.windowDays("project_accepted")).isEqualTo(15);
    assertThat(c.deliveryDays()).isEqualTo(45);
  }

  @Test
  @DisplayName("a bad value names its variable")
  void badValues() {
    assertThatThrownBy(() -> FundsConfig.fromEnv(Map.of("BANGFU_OBJECTIONS_PER_DAY", "many")))
        .hasMessageContaining("BANGFU_OBJECTIONS_PER_DAY");
    assertThatThrownBy(
            () -> FundsConfig.fromEnv(Map.of("BANGFU_NOTICE_WINDOW_DAYS_HOUSEHOLD_STATUS", "0")))
        .hasMessageContaining("BANGFU_NOTICE_WINDOW_DAYS_HOUSEHOLD_STATUS");
  }
}
