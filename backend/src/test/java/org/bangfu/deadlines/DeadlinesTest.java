package org.bangfu.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bangfu.db.PoolFactory;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The deadline engine through the API with the clock moved: a 12317 report's acknowledgement
 * reaches the county's inbox, turns amber at 75 % of its window and red when late, escalates to the
 * city exactly once however often and however concurrently the job runs, and leaves every inbox
 * when it is met; the badge counts it.
 */
@DisplayName("Deadlines: one engine, one inbox, escalated exactly once")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadlinesTest {
  static TestApp app;
  static String city;
  static String otherCounty;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    city = reviewer("t-city", TestFixture.CITY);
    otherCounty = reviewer("t-yongchun", TestFixture.OTHER_COUNTY);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** A reviewer account of a region made by the admin; its token. */
  static String reviewer(String username, String region) {
    ok(
        app.post(
            "/api/v1/users",
            Account.ADMIN,
            new JsonObject()
                .put("username", username)
                .put("displayName", "扶贫办 " + region)
                .put("role", "reviewer")
                .put("regionId", region)
                .put("password", TestFixture.PASSWORD)),
        201);
    return app.token(username, TestFixture.PASSWORD);
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  static JsonObject inbox(String token, String query) {
    return ok(app.call(HttpMethod.GET, "/api/v1/notifications" + query, token, null), 200);
  }

  static JsonObject inbox(Account as, String query) {
    return inbox(app.token(as), query);
  }

  /** The inbox item of {@code kind} about {@code subject}, or null. */
  static JsonObject item(String token, String kind, long subject) {
    JsonArray items = inbox(token, "?kind=" + kind + "&size=100").getJsonArray("items");
    return items.stream()
        .map(JsonObject.class::cast)
        .filter(i -> i.getString("subjectId").equals(Long.toString(subject)))
        .findFirst()
        .orElse(null);
  }

  static JsonObject item(Account as, String kind, long subject) {
    return item(app.token(as), kind, subject);
  }

  static Row row(String sql, Object... args) {
    return app.pool().preparedQuery(sql).execute(Tuple.from(args)).await().iterator().next();
  }

  static long count(String sql, Object... args) {
    return row(sql, args).getLong(0);
  }

  /** Files a report about the fixture's village (anonymous, no token); answers its id. */
  static long fileReport(String content) {
    JsonObject filed =
        ok(
            app.post(
                "/api/v1/public/reports",
                null,
                new JsonObject()
                    .put("subjectKind", "village")
                    .put("subjectId", TestFixture.VILLAGE)
                    .put("category", "misuse")
                    .put("content", content)),
            201);
    return row("SELECT id FROM reports WHERE tracking_no = $1", filed.getString("trackingNumber"))
        .getLong("id");
  }

  static Row ackDeadline(long report) {
    return row(
        "SELECT id, starts_at, due_at, phase, escalation_level, escalated_role, escalated_region, "
            + "state FROM deadlines WHERE kind = 'report_ack' AND subject_id = $1",
        Long.toString(report));
  }

  static long escalationRows(long deadline) {
    return count(
        "SELECT count(*) FROM audit_log WHERE entity = 'deadline' AND entity_id = $1 "
            + "AND action = 'escalate'",
        Long.toString(deadline));
  }

  @Test
  @Order(1)
  @DisplayName(
      "a report's acknowledgement reaches the county's inbox, turns amber at 75 %, red when late, "
          + "escalates to the city once, and leaves the inboxes when met")
  void reportAcknowledgement() {
    long report = fileReport("村里把产业扶贫资金挪作他用");
    Row d = ackDeadline(report);
    long deadline = d.getLong("id");
    Instant starts = d.getOffsetDateTime("starts_at").toInstant();
    Instant due = d.getOffsetDateTime("due_at").toInstant();
    JsonObject desk = ok(app.get("/api/v1/reports/" + report, Account.REVIEWER), 200);
    assertThat(Instant.parse(desk.getString("ackDue"))).isEqualTo(due);

    // the county's desk has it to do, with its due date and rule; nobody else has
    JsonObject mine = item(Account.REVIEWER, "report_ack", report);
    assertThat(mine).as("in the county reviewer's inbox").isNotNull();
    assertThat(mine.getString("section")).isEqualTo("todo");
    assertThat(Instant.parse(mine.getString("dueAt"))).isEqualTo(due);
    assertThat(mine.getJsonObject("rule").getString("setting"))
        .isEqualTo("BANGFU_REPORT_ACK_WORKING_DAYS");
    assertThat(mine.getJsonObject("rule").getInteger("value")).isEqualTo(3);
    assertThat(mine.getBoolean("read")).isFalse();
    assertThat(item(Account.REVIEWER, "report_answer", report)).isNotNull();
    for (String other : List.of(city, otherCounty)) {
      assertThat(item(other, "report_ack", report)).isNull();
    }
    for (Account other :
        List.of(Account.TOWNSHIP_REVIEWER, Account.SECRETARY, Account.DONOR, Account.AUDITOR)) {
      assertThat(item(other, "report_ack", report)).as(other.name()).isNull();
    }
    JsonObject badge = ok(app.get("/api/v1/notifications/unread", Account.REVIEWER), 200);
    assertThat(badge.getLong("todo")).isEqualTo(2);
    assertThat(badge.getLong("unread")).isEqualTo(2);
    ok(
        app.post(
            "/api/v1/notifications/read",
            Account.REVIEWER,
            new JsonObject().put("keys", new JsonArray().add(mine.getString("key")))),
        200);
    assertThat(ok(app.get("/api/v1/notifications/unread", Account.REVIEWER), 200).getLong("unread"))
        .isEqualTo(1);

    // 80 % of the window gone: due soon, and unread again; the job announces amber once
    app.clock().set(starts.plus(Duration.between(starts, due).multipliedBy(8).dividedBy(10)));
    JsonObject soon = item(Account.REVIEWER, "report_ack", report);
    assertThat(soon.getString("section")).isEqualTo("soon");
    assertThat(soon.getBoolean("read")).as("a new section is news").isFalse();
    assertThat(inbox(Account.REVIEWER, "?section=soon").getLong("total")).isEqualTo(1);
    assertThat(ackDeadline(report).getString("phase")).isEqualTo("on_time");
    app.runDueJobs();
    assertThat(ackDeadline(report).getString("phase")).isEqualTo("amber");
    assertThat(ackDeadline(report).getInteger("escalation_level")).isZero();

    // late: red, and escalated to the city's desk, once, however often the job runs
    app.clock().set(due.plus(Duration.ofMinutes(5)));
    assertThat(item(Account.REVIEWER, "report_ack", report).getString("section")).isEqualTo("late");
    app.runDueJobs();
    Row late = ackDeadline(report);
    assertThat(late.getString("phase")).isEqualTo("red");
    assertThat(late.getInteger("escalation_level")).isEqualTo(1);
    assertThat(late.getString("escalated_role")).isEqualTo("reviewer");
    assertThat(late.getString("escalated_region")).isEqualTo(TestFixture.CITY);
    JsonObject report1 = ok(app.get("/api/v1/reports/" + report, Account.REVIEWER), 200);
    assertThat(report1.getString("level")).isEqualTo("city");
    assertThat(report1.getBoolean("overdue")).isTrue();
    JsonObject atCity = item(city, "report_ack", report);
    assertThat(atCity).as("escalated to the city's desk").isNotNull();
    assertThat(atCity.getBoolean("escalatedToYou")).isTrue();
    assertThat(atCity.getString("section")).isEqualTo("late");
    JsonObject atCounty = item(Account.REVIEWER, "report_ack", report);
    assertThat(atCounty.getBoolean("escalated")).isTrue();
    assertThat(atCounty.getBoolean("escalatedToYou")).isFalse();
    assertThat(item(otherCounty, "report_ack", report)).isNull();

    app.clock().advance(Duration.ofMinutes(2));
    app.runDueJobs();
    app.clock().advance(Duration.ofMinutes(2));
    app.runDueJobs();
    assertThat(ackDeadline(report).getInteger("escalation_level")).isEqualTo(1);
    assertThat(escalationRows(deadline)).as("one escalation in the audit trail").isEqualTo(1);
    assertThat(
            count(
                "SELECT count(*) FROM audit_log WHERE entity = 'report' AND entity_id = $1 "
                    + "AND action = 'escalate'",
                Long.toString(report)))
        .isEqualTo(1);

    // met: accepting acknowledges; the deadline leaves both inboxes, the answer stays
    ok(app.post("/api/v1/reports/" + report + "/accept", Account.REVIEWER, null), 200);
    assertThat(ackDeadline(report).getString("state")).isEqualTo("met");
    assertThat(item(Account.REVIEWER, "report_ack", report)).isNull();
    assertThat(item(city, "report_ack", report)).isNull();
    assertThat(item(Account.REVIEWER, "report_answer", report)).isNotNull();
    assertThat(
            ok(app.get("/api/v1/reports/" + report, Account.REVIEWER), 200).getBoolean("overdue"))
        .as("nothing of it is late now")
        .isFalse();
  }

  @Test
  @Order(2)
  @DisplayName("two runners racing for the same late deadline escalate it once")
  void racingRunnersEscalateOnce() {
    long report = fileReport("低保名单优亲厚友");
    Row d = ackDeadline(report);
    long deadline = d.getLong("id");
    app.clock().set(d.getOffsetDateTime("due_at").toInstant().plus(Duration.ofHours(1)));
    Instant now = app.clock().instant();
    DeadlineService runner = app.services().deadlineService();

    // both runners have read the deadline as not escalated before either may write it: another
    // writer (on connections of its own, the app's pool is the runners') holds the row meanwhile
    Pool side = PoolFactory.create(app.vertx(), app.database(), 2);
    SqlConnection holder = side.getConnection().await();
    List<Future<Integer>> runs;
    try {
      Transaction tx = holder.begin().await();
      holder
          .preparedQuery("SELECT id FROM deadlines WHERE id = $1 FOR UPDATE")
          .execute(Tuple.of(deadline))
          .await();
      int pid =
          holder.query("SELECT pg_backend_pid()").execute().await().iterator().next().getInteger(0);
      runs = List.of(runner.advance(now), runner.advance(now));
      awaitBlocked(side, pid, 2);
      tx.commit().await();
    } finally {
      holder.close().await();
      side.close().await();
    }
    Future.join(runs).await();
    assertThat(ackDeadline(report).getInteger("escalation_level")).isEqualTo(1);
    assertThat(escalationRows(deadline)).isEqualTo(1);
    assertThat(
            count(
                "SELECT count(*) FROM audit_log WHERE entity = 'report' AND entity_id = $1 "
                    + "AND action = 'escalate'",
                Long.toString(report)))
        .isEqualTo(1);
  }

  /** Waits until {@code n} backends wait, directly or in line, for a lock {@code holder} holds. */
  static void awaitBlocked(Pool side, int holder, int n) {
    for (int i = 0; i < 500; i++) {
      long waiting =
          side.preparedQuery(
                  // the first waits for the holder, the second for the first (its place in the
                  // row's queue)
                  "WITH RECURSIVE w(pid) AS (SELECT pid FROM pg_stat_activity "
                      + "WHERE $1 = ANY(pg_blocking_pids(pid)) UNION SELECT a.pid FROM "
                      + "pg_stat_activity a JOIN w ON w.pid = ANY(pg_blocking_pids(a.pid))) "
                      + "SELECT count(*) FROM w")
              .execute(Tuple.of(holder))
              .await()
              .iterator()
              .next()
              .getLong(0);
      if (waiting >= n) {
        return;
      }
      app.vertx().timer(20).await();
    }
    throw new AssertionError("the runners never waited for the row");
  }
}
