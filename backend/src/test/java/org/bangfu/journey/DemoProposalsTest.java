package org.bangfu.journey;

import static org.assertj.core.api.Assertions.assertThat;

import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The demo's donors find proposals waiting, and they keep finding them: the demo's proposals are
 * recent enough that the hourly expiry (or the first match round) does not sweep them away.
 */
@DisplayName("Demo proposals survive expiry")
class DemoProposalsTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.DEMO);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static long count(String sql) {
    return app.pool().query(sql).execute().await().iterator().next().getLong(0);
  }

  @Test
  @DisplayName("an expiry run right after loading leaves every demo proposal waiting for its donor")
  void proposalsStay() {
    long proposed = count("SELECT count(*) FROM allocations WHERE status = 'proposed'");
    assertThat(proposed).isPositive();
    app.services().expiry().run().await();
    assertThat(count("SELECT count(*) FROM allocations WHERE status = 'proposed'"))
        .isEqualTo(proposed);
    assertThat(
            count(
                "SELECT count(*) FROM allocations a JOIN allocation_history h ON h.allocation_id = a.id "
                    + "WHERE a.status = 'proposed' AND h.status = 'proposed' AND h.at > now()"))
        .isZero();
  }
}
