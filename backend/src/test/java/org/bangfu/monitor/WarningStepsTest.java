package org.bangfu.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.households.IdNumbers;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A department file's step in a case's timeline ("opened" by the file, or "lead_joined", noted with
 * the file's number) is shown as it always was, in its place among the case's other steps, though
 * the file no longer writes a step row per case: the timeline derives it from the file's leads.
 */
class WarningStepsTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.FIXTURE);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static final String FIRST = IdNumbers.withCheck("35052419620304111");
  static final String SECOND = IdNumbers.withCheck("35052419630405222");
  static final String VISITED = IdNumbers.withCheck("35052419640506333");

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  /** A 民政 file (every row kept) naming these people, rows 2, 3, … in this order; its number. */
  static long file(String... ids) {
    StringBuilder csv = new StringBuilder("身份证号,姓名\n");
    for (String id : ids) {
      csv.append(id).append(",某人\n");
    }
    HttpResponse<Buffer> r =
        app.client()
            .post("/api/v1/monitor/warning-files?department=civil_affairs&fileName=minzheng.csv")
            .bearerTokenAuthentication(app.token(Account.REVIEWER))
            .putHeader("Content-Type", "text/csv")
            .sendBuffer(Buffer.buffer(csv.toString()))
            .await();
    return ok(r, 201).getLong("id");
  }

  /** The case the file's row went to. */
  static long caseOf(long batch, int row) {
    return app.pool()
        .preparedQuery("SELECT case_id FROM monitor_leads WHERE batch_id = $1 AND row_no = $2")
        .execute(Tuple.of(batch, row))
        .await()
        .iterator()
        .next()
        .getLong(0);
  }

  /** The case's timeline as its page shows it: "step note" per step, in order. */
  static List<String> timeline(long caseId) {
    JsonArray events =
        ok(app.get("/api/v1/monitor/cases/" + caseId, Account.REVIEWER), 200)
            .getJsonArray("events");
    List<String> steps = new ArrayList<>();
    long lastId = Long.MIN_VALUE;
    String lastAt = "";
    for (Object o : events) {
      JsonObject e = (JsonObject) o;
      steps.add((e.getString("step") + " " + e.getString("note")).trim());
      // in order of time, then of number, each number once
      assertThat(e.getString("at")).isGreaterThanOrEqualTo(lastAt);
      if (e.getString("at").equals(lastAt)) {
        assertThat(e.getLong("id")).isGreaterThan(lastId);
      }
      lastAt = e.getString("at");
      lastId = e.getLong("id");
    }
    return steps;
  }

  @Test
  @DisplayName("files' steps: opened by the file's first lead, joined after, in order with others")
  void stepsOfFiles() {
    // a cadre's visit opens a case before any file names the person
    long visited =
        ok(
                app.post(
                    "/api/v1/monitor/leads",
                    Account.SECRETARY,
                    new JsonObject()
                        .put("name", "陈某")
                        .put("idNumber", VISITED)
                        .put("visitReason", "illness")),
                201)
            .getLong("id");
    long b1 = file(FIRST);
    long b2 = file(FIRST, SECOND, VISITED);
    long first = caseOf(b1, 2);
    long second = caseOf(b2, 3);
    assertThat(caseOf(b2, 2)).isEqualTo(first);
    assertThat(caseOf(b2, 4)).isEqualTo(visited);
    // the county triages the second case at the same moment (the clock stands still), then a
    // third file names that person again: the steps keep the order they happened in
    ok(
        app.post(
            "/api/v1/monitor/cases/" + second + "/triage",
            Account.REVIEWER,
            new JsonObject().put("decision", "accept").put("villageId", TestFixture.VILLAGE)),
        200);
    long b3 = file(SECOND);

    assertThat(timeline(first)).containsExactly("opened 部门预警 #" + b1, "lead_joined 部门预警 #" + b2);
    assertThat(timeline(second))
        .containsExactly("opened 部门预警 #" + b2, "accepted", "lead_joined 部门预警 #" + b3);
    assertThat(timeline(visited)).containsExactly("opened", "lead_joined 部门预警 #" + b2);
  }
}
