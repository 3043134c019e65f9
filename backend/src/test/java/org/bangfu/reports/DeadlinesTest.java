package org.bangfu.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.bangfu.config.OversightConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A 12317 report's deadlines in China's time: working days skip the weekend, answer days do not.
 */
@DisplayName("12317 deadlines: acknowledged in working days, answered in days")
class DeadlinesTest {
  static final ZoneId CHINA = OversightConfig.CHINA;

  static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(CHINA).toInstant();
  }

  static Deadlines deadlines(Map<String, String> env) {
    return new Deadlines(OversightConfig.fromEnv(env));
  }

  @Test
  @DisplayName("three working days from a Wednesday end on Monday; from a Monday on Thursday")
  void ackSkipsTheWeekend() {
    Deadlines d = deadlines(Map.of());
    // 2018-10-17 is a Wednesday
    assertThat(d.ackDue(at("2018-10-17T09:30:00"))).isEqualTo(at("2018-10-22T09:30:00"));
    assertThat(d.ackDue(at("2018-10-15T09:30:00"))).isEqualTo(at("2018-10-18T09:30:00"));
    // received on a Saturday: Monday, Tuesday, Wednesday
    assertThat(d.ackDue(at("2018-10-20T22:00:00"))).isEqualTo(at("2018-10-24T22:00:00"));
    // received on a Friday: Monday is the first working day, Wednesday the third
    assertThat(d.ackDue(at("2018-10-19T08:00:00"))).isEqualTo(at("2018-10-24T08:00:00"));
  }

  @Test
  @DisplayName("the working days and the answer days are the configured ones")
  void configured() {
    Deadlines d =
        deadlines(Map.of("BANGFU_REPORT_ACK_WORKING_DAYS", "1", "BANGFU_REPORT_ANSWER_DAYS", "30"));
    assertThat(d.ackDue(at("2018-10-19T08:00:00"))).isEqualTo(at("2018-10-22T08:00:00"));
    assertThat(d.ackDue(at("2018-10-17T08:00:00"))).isEqualTo(at("2018-10-18T08:00:00"));
    assertThat(d.answerDue(at("2018-10-17T08:00:00"))).isEqualTo(at("2018-11-16T08:00:00"));
    assertThat(deadlines(Map.of()).answerDue(at("2018-10-17T08:00:00")))
        .as("15 calendar days, weekends included")
        .isEqualTo(at("2018-11-01T08:00:00"));
  }
}
