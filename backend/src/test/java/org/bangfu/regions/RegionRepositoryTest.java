package org.bangfu.regions;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bangfu.regions.Region.Level;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The one check that a region exists, at a level and inside another")
class RegionRepositoryTest {

  static TestApp app;
  static final RegionRepository regions = new RegionRepository();

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("a region exists only at its own level")
  void exists() throws Exception {
    assertThat(await(regions.exists(app.pool(), TestFixture.VILLAGE, Level.VILLAGE))).isTrue();
    assertThat(await(regions.exists(app.pool(), TestFixture.TOWNSHIP, Level.VILLAGE))).isFalse();
    assertThat(
            await(
                regions.exists(
                    app.pool(), TestFixture.TOWNSHIP, Level.CITY, Level.COUNTY, Level.TOWNSHIP)))
        .isTrue();
    assertThat(await(regions.exists(app.pool(), "nowhere", Level.VILLAGE, Level.COUNTY))).isFalse();
  }

  @Test
  @DisplayName(
      "inside: a village of its own township and county, not of another; no ancestor means anywhere")
  void existsWithin() throws Exception {
    assertThat(
            await(
                regions.existsWithin(
                    app.pool(), TestFixture.VILLAGE, TestFixture.TOWNSHIP, Level.VILLAGE)))
        .isTrue();
    assertThat(
            await(
                regions.existsWithin(
                    app.pool(), TestFixture.VILLAGE, TestFixture.COUNTY, Level.VILLAGE)))
        .isTrue();
    assertThat(
            await(
                regions.existsWithin(
                    app.pool(),
                    TestFixture.VILLAGE_OTHER_TOWNSHIP,
                    TestFixture.TOWNSHIP,
                    Level.VILLAGE)))
        .isFalse();
    assertThat(
            await(
                regions.existsWithin(
                    app.pool(), TestFixture.OTHER_VILLAGE, TestFixture.COUNTY, Level.VILLAGE)))
        .isFalse();
    assertThat(
            await(regions.existsWithin(app.pool(), TestFixture.OTHER_VILLAGE, null, Level.VILLAGE)))
        .isTrue();
  }

  @Test
  @DisplayName("the ids that are not in the tree, in the order given")
  void unknown() throws Exception {
    assertThat(
            await(
                regions.unknown(
                    app.pool(), List.of("zz-2", TestFixture.COUNTY, "zz-1", TestFixture.VILLAGE))))
        .containsExactly("zz-2", "zz-1");
    assertThat(await(regions.unknown(app.pool(), List.of()))).isEmpty();
  }

  @Test
  @DisplayName(
      "region_contains in the database (a range of codes first) agrees with the rule in Java")
  void containsAgrees() throws Exception {
    String[] codes = {
      "35",
      "3505",
      "350524",
      "350524-T03",
      "350524-T0",
      "350524-T03-V07",
      "350524-T30-V01",
      "350525",
      "3505TS-T01-V01",
      "350821-T01-V01",
      "3506",
      "35052",
      "350524-T03-V0",
      "z",
      ""
    };
    for (String region : codes) {
      for (String descendant : codes) {
        boolean inDatabase =
            await(
                    app.pool()
                        .preparedQuery("SELECT region_contains($1, $2)")
                        .execute(io.vertx.sqlclient.Tuple.of(region, descendant)))
                .iterator()
                .next()
                .getBoolean(0);
        assertThat(inDatabase)
            .as("region_contains(%s, %s)", region, descendant)
            .isEqualTo(org.bangfu.auth.Access.regionContains(region, descendant));
      }
    }
  }
}
