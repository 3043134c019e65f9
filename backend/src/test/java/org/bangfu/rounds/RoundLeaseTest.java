package org.bangfu.rounds;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.bangfu.db.PoolFactory;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A match round left running by a dead process")
class RoundLeaseTest {

  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** The lease as Main builds it at start. */
  static RoundLease lease() {
    return new RoundLease(new MatchRoundRepository());
  }

  static Row one(String sql, Object... args) {
    return app.pool().preparedQuery(sql).execute(Tuple.from(args)).await().iterator().next();
  }

  /** A round 'running' for a process that no longer has a connection, started a second ago. */
  static long abandoned() {
    return one("INSERT INTO match_rounds (status, owner) VALUES ('running', 'bangfu 999999 dead0000') RETURNING id")
        .getLong("id");
  }

  @Test
  @DisplayName("is failed at once by a start, and a new round is accepted right away")
  void failedAtStartAndNewRoundAccepted() {
    long dead = abandoned();
    assertThat(lease().failAbandoned(app.pool()).await()).isEqualTo(1);
    Row r = one("SELECT status, error FROM match_rounds WHERE id = $1", dead);
    assertThat(r.getString("status")).isEqualTo("failed");
    assertThat(r.getString("error")).contains("abandoned");

    abandoned(); // crashed again: this time no restart in between, another node starts a round
    HttpResponse<Buffer> round =
        app.post("/api/v1/match-rounds", Account.UNITED_FRONT, new JsonObject());
    assertThat(round.statusCode()).as(round.bodyAsString()).isEqualTo(201);
    assertThat(one("SELECT count(*) AS n FROM match_rounds WHERE status = 'running'").getLong("n"))
        .isZero();
  }

  @Test
  @DisplayName("a round of a live process still blocks a second one (409), and it names its owner")
  void liveOwnerStillHoldsTheLock() {
    long running =
        one("INSERT INTO match_rounds (status) VALUES ('running') RETURNING id").getLong("id");
    assertThat(one("SELECT owner FROM match_rounds WHERE id = $1", running).getString("owner"))
        .isEqualTo(PoolFactory.PROCESS_NAME);
    assertThat(lease().failAbandoned(app.pool()).await()).isZero();
    assertThat(
            app.post("/api/v1/match-rounds", Account.UNITED_FRONT, new JsonObject()).statusCode())
        .isEqualTo(409);
    app.pool()
        .preparedQuery("UPDATE match_rounds SET status = 'done', finished_at = now() WHERE id = $1")
        .execute(Tuple.of(running))
        .await();
  }
}
