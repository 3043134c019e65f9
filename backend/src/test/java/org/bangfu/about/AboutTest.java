package org.bangfu.about;

import static org.assertj.core.api.Assertions.assertThat;

import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Whether the demo data is loaded, as the database says (public)")
class AboutTest {

  @Test
  @DisplayName("a database with the demo data says so; one without it does not")
  void demoFlag() {
    try (TestApp demo = TestApp.start(TestApp.Data.DEMO)) {
      assertThat(demo.get("/api/v1/public/about", null).bodyAsJsonObject().getBoolean("demoData"))
          .isTrue();
      // the flag is the loader's row, not a guess: without it the same data is not called a demo
      demo.pool().query("DELETE FROM demo_data").execute().await();
      assertThat(demo.get("/api/v1/public/about", null).bodyAsJsonObject().getBoolean("demoData"))
          .isFalse();
    }
    try (TestApp fixture = TestApp.start(TestApp.Data.FIXTURE)) {
      assertThat(
              fixture.get("/api/v1/public/about", null).bodyAsJsonObject().getBoolean("demoData"))
          .isFalse();
    }
  }
}
