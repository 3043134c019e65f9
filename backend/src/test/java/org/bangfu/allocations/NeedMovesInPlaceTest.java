package org.bangfu.allocations;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.sqlclient.Tuple;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A round moves the counter and status of every need it proposes for in one UPDATE (346,263 needs
 * on the national set): while the need stays listed, no indexed value changes (V186), so the new
 * version is written in place (a HOT update, no index entry at all). A need leaving or entering the
 * listed statuses (a review) still changes its index entries, and the review queue still finds it.
 */
@DisplayName("A listed need's counter and status move in place, without new index entries")
class NeedMovesInPlaceTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.FIXTURE);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static long need(String status) {
    return app.one(
        "INSERT INTO needs (village_id, category, unit, quantity, priority, title, status)"
            + " VALUES ($1, 'education', 'CNY', 100, 3, '校服', $2) RETURNING id",
        Tuple.of(TestFixture.VILLAGE, status));
  }

  static final String COUNTS =
      "SELECT pg_stat_get_xact_tuples_updated('needs'::regclass) AS updated,"
          + " pg_stat_get_xact_tuples_hot_updated('needs'::regclass) AS hot";

  /**
   * The round's statement on one need: its status after, and how many of the needs' updates it made
   * and how many of those were HOT (the counters read before and after it in its transaction: a
   * connection's counters also hold its earlier transactions' until they are reported).
   */
  private static long[] moved(long need, long quantity, String[] status) {
    return app.pool()
        .withTransaction(
            tx ->
                tx.query(COUNTS)
                    .execute()
                    .map(rows -> rows.iterator().next())
                    .compose(
                        before ->
                            tx.preparedQuery(Ledger.MOVE_NEEDS)
                                .execute(
                                    Tuple.from(
                                        new Object[] {new Long[] {need}, new Long[] {quantity}}))
                                .compose(v -> tx.query(COUNTS).execute())
                                .map(rows -> rows.iterator().next())
                                .compose(
                                    after ->
                                        tx.preparedQuery("SELECT status FROM needs WHERE id = $1")
                                            .execute(Tuple.of(need))
                                            .map(
                                                rows -> {
                                                  status[0] = rows.iterator().next().getString(0);
                                                  return new long[] {
                                                    after.getLong("updated")
                                                        - before.getLong("updated"),
                                                    after.getLong("hot") - before.getLong("hot")
                                                  };
                                                }))))
        .await();
  }

  @Test
  @DisplayName("a published need partly then fully allocated by a round: both moves in place")
  void roundMovesAreHot() {
    long need = need("published");
    String[] status = new String[1];
    long[] partly = moved(need, 40, status);
    assertThat(status[0]).isEqualTo("partly_allocated");
    assertThat(partly[0]).as("updates of needs").isEqualTo(1);
    assertThat(partly[1]).as("of them HOT").isEqualTo(1);
    long[] full = moved(need, 60, status);
    // full, and no allocation of it in progress (this test writes none): the status says verified
    assertThat(status[0]).isEqualTo("verified");
    assertThat(full[0]).as("updates of needs").isEqualTo(1);
    assertThat(full[1]).as("of them HOT").isEqualTo(1);
  }

  @Test
  @DisplayName("the review queue's statuses are still read by status, listed or not")
  void unlistedStatusesFollowTheStatus() {
    long submitted = need("submitted");
    long published = need("published");
    assertThat(
            app.one(
                "SELECT count(*) FROM needs WHERE unlisted_status = 'submitted' AND id = $1",
                Tuple.of(submitted)))
        .isEqualTo(1);
    app.run("UPDATE needs SET status = 'published' WHERE id = $1", Tuple.of(submitted));
    assertThat(
            app.one(
                "SELECT count(*) FROM needs WHERE unlisted_status IS NULL AND id = ANY($1)",
                Tuple.of(new Long[] {submitted, published})))
        .isEqualTo(2);
    app.run("UPDATE needs SET status = 'withdrawn' WHERE id = $1", Tuple.of(published));
    assertThat(
            app.one(
                "SELECT count(*) FROM needs WHERE unlisted_status = 'withdrawn' AND id = $1",
                Tuple.of(published)))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("a need is listed in the database exactly when its status is public in the app")
  void unlistedStatusIsTheAppsRule() {
    // the generated column states "listed" in SQL; NeedStatus.PUBLIC states it for the app: every
    // status is checked on a need of its own, so a status added to one and not the other fails here
    for (NeedStatus s : NeedStatus.values()) {
      long need = need(NeedStatus.DRAFT.wire());
      app.run(
          "UPDATE needs SET status = $2, reject_reason = CASE WHEN $2 = 'rejected'"
              + " THEN '材料不全' END WHERE id = $1",
          Tuple.of(need, s.wire()));
      long listed =
          app.one(
              "SELECT count(*) FROM needs WHERE id = $1 AND unlisted_status IS NULL",
              Tuple.of(need));
      assertThat(listed).as(s.wire()).isEqualTo(s.isPublic() ? 1 : 0);
    }
  }
}
