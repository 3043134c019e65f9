package org.bangfu.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The audit chain's trigger looks the chain's head up once per transaction (V187), not once per row
 * (a national round appends 401,891 rows in one transaction); every row still chains to the one
 * before it and its hash is still computed by the database, through savepoints rolled back and
 * whatever a session put in the setting that keeps the head.
 */
@DisplayName("The audit chain: its head looked up once per transaction, every row still chained")
class AuditChainHeadTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.FIXTURE);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static final String APPEND =
      "INSERT INTO audit_log (actor, role, entity, entity_id, action)"
          + " SELECT 'system', 'system', 'test', g::text, 'touch' FROM generate_series(1, %d) g";

  /** Rows whose hash is not the database's own, or whose prev_hash is not the row before's hash. */
  static final String BROKEN =
      """
      SELECT count(*) FROM (
        SELECT a.hash, a.prev_hash, audit_log_row_hash(a.prev_hash, a) AS own,
               lag(a.hash) OVER (ORDER BY a.id) AS before
          FROM audit_log a) c
       WHERE c.hash <> c.own OR (c.before IS NOT NULL AND c.prev_hash <> c.before)\
      """;

  private static Future<Long> count(SqlConnection c, String sql) {
    return c.query(sql).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  @Test
  @DisplayName("a transaction appending 50 rows reads the chain's head from the table once")
  void headReadOncePerTransaction() {
    long lookUps =
        app.pool()
            .withTransaction(
                tx ->
                    tx.query(APPEND.formatted(50))
                        .execute()
                        .compose(
                            v ->
                                count(
                                    tx,
                                    // the look-ups of the head, by the primary key or by a scan
                                    "SELECT pg_stat_get_xact_numscans('audit_log_pkey'::regclass)"
                                        + " + pg_stat_get_xact_numscans('audit_log'::regclass)")))
            .await();
    assertThat(lookUps).isEqualTo(1);
    assertThat(app.one(BROKEN, io.vertx.sqlclient.Tuple.tuple())).isZero();
  }

  @Test
  @DisplayName("rows of a savepoint rolled back leave the head at the last row kept")
  void savepointRolledBack() {
    app.pool()
        .withTransaction(
            tx ->
                tx.query(APPEND.formatted(3))
                    .execute()
                    .compose(v -> tx.query("SAVEPOINT s").execute())
                    .compose(v -> tx.query(APPEND.formatted(5)).execute())
                    .compose(v -> tx.query("ROLLBACK TO SAVEPOINT s").execute())
                    .compose(v -> tx.query(APPEND.formatted(2)).execute()))
        .await();
    assertThat(app.one(BROKEN, io.vertx.sqlclient.Tuple.tuple())).isZero();
  }

  @Test
  @DisplayName("a head a session set itself, or left by another transaction, is not taken")
  void foreignHeadIgnored() {
    app.pool()
        .withConnection(
            c ->
                c.query("SELECT set_config('bangfu.audit_head', '1:forged', false)")
                    .execute()
                    .compose(v -> c.query(APPEND.formatted(2)).execute())
                    .compose(
                        v ->
                            c.query(
                                    "BEGIN; SELECT set_config('bangfu.audit_head',"
                                        + " pg_current_xact_id()::text || ':forged', true)")
                                .execute())
                    .compose(v -> c.query("COMMIT").execute())
                    .compose(v -> c.query(APPEND.formatted(2)).execute()))
        .await();
    assertThat(app.one(BROKEN, io.vertx.sqlclient.Tuple.tuple())).isZero();
    assertThat(
            app.one(
                "SELECT count(*) FROM audit_log WHERE prev_hash = 'forged'",
                io.vertx.sqlclient.Tuple.tuple()))
        .isZero();
  }
}
