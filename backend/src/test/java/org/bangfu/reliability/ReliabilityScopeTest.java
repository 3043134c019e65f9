package org.bangfu.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A reviewer reads the reliability of the villages of their own region only: {@code ?region=}
 * narrows inside it, is clamped to it when it names a wider region, and is refused for another
 * county or township, as is another county's village.
 */
@DisplayName("Village reliability stays inside the reviewer's region")
class ReliabilityScopeTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static List<String> villages(String query, Account as) {
    HttpResponse<Buffer> r = app.get("/api/v1/reliability/villages" + query, as);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("villageId"))
        .toList();
  }

  static int status(String path, Account as) {
    return app.get(path, as).statusCode();
  }

  @Test
  @DisplayName("?region= narrows, is clamped, or is refused; another county's village is refused")
  void clamped() {
    assertThat(villages("", Account.REVIEWER))
        .containsExactlyInAnyOrder(
            TestFixture.VILLAGE,
            TestFixture.VILLAGE_SAME_TOWNSHIP,
            TestFixture.VILLAGE_OTHER_TOWNSHIP);
    assertThat(villages("?region=" + TestFixture.TOWNSHIP, Account.REVIEWER))
        .containsExactlyInAnyOrder(TestFixture.VILLAGE, TestFixture.VILLAGE_SAME_TOWNSHIP);
    assertThat(villages("?region=" + TestFixture.CITY, Account.REVIEWER))
        .as("a wider region is clamped to the reviewer's")
        .containsExactlyInAnyOrder(
            TestFixture.VILLAGE,
            TestFixture.VILLAGE_SAME_TOWNSHIP,
            TestFixture.VILLAGE_OTHER_TOWNSHIP);
    assertThat(villages("?region=" + TestFixture.COUNTY, Account.TOWNSHIP_REVIEWER))
        .containsExactlyInAnyOrder(TestFixture.VILLAGE, TestFixture.VILLAGE_SAME_TOWNSHIP);

    assertThat(
            status(
                "/api/v1/reliability/villages?region=" + TestFixture.OTHER_COUNTY,
                Account.REVIEWER))
        .isEqualTo(403);
    assertThat(
            status(
                "/api/v1/reliability/villages?region=" + TestFixture.OTHER_TOWNSHIP,
                Account.TOWNSHIP_REVIEWER))
        .isEqualTo(403);
    assertThat(
            status("/api/v1/reliability/villages/" + TestFixture.OTHER_VILLAGE, Account.REVIEWER))
        .isEqualTo(403);
    assertThat(status("/api/v1/reliability/villages/" + TestFixture.VILLAGE, Account.REVIEWER))
        .isEqualTo(200);
    assertThat(
            status(
                "/api/v1/reliability/villages/" + TestFixture.VILLAGE_OTHER_TOWNSHIP,
                Account.TOWNSHIP_REVIEWER))
        .isEqualTo(403);

    // the watching roles read every village, and may filter by any region
    assertThat(villages("?region=" + TestFixture.OTHER_COUNTY, Account.UNITED_FRONT))
        .containsExactly(TestFixture.OTHER_VILLAGE);
    assertThat(status("/api/v1/reliability/villages/" + TestFixture.OTHER_VILLAGE, Account.AUDITOR))
        .isEqualTo(200);
  }
}
