package org.bangfu.notices;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Public notice through HTTP with the clock moved: the window closes a notice, an objection holds
 * it open until a reviewer of its region answers, the answer is public and the objector's contact
 * is not; bad objections are refused naming the field and change nothing.
 */
@DisplayName("Public notice (公告公示) and objections (异议)")
class NoticeJourneyTest {
  static TestApp app;
  static NoticeService service;
  static final String CONTACT = "13912345678";

  @BeforeAll
  static void start() {
    app = TestApp.start();
    service = app.services().notices();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  static long publish(String region, String title) {
    return app.pool()
        .withTransaction(
            tx ->
                service.publish(
                    tx,
                    new NoticeDraft(
                        NoticeKinds.PROJECT_APPROVED,
                        "project",
                        title,
                        region,
                        title,
                        500_000L,
                        "市级财政 · 市派帮扶村资金",
                        "村道硬化 1.2 公里",
                        "安溪县龙门镇洋坑村",
                        "洋坑村村委会",
                        "洋坑村全体村民")))
        .await();
  }

  static JsonObject notice(long id) {
    return ok(app.get("/api/v1/public/notices/" + id, null), 200);
  }

  static HttpResponse<Buffer> object(long id, JsonObject body) {
    return app.post("/api/v1/public/notices/" + id + "/objections", null, body);
  }

  static int objectionRows() {
    return app.pool()
        .query("SELECT count(*) FROM notice_objections")
        .execute()
        .await()
        .iterator()
        .next()
        .getInteger(0);
  }

  static void assertField(HttpResponse<Buffer> r, int status, String field, String code) {
    JsonObject body = ok(r, status);
    JsonObject f = body.getJsonArray("fields").getJsonObject(0);
    assertThat(f.getString("field")).isEqualTo(field);
    assertThat(f.getString("code")).isEqualTo(code);
  }

  @Test
  @DisplayName("window passes: closed, listener told; an objection holds it open until answered")
  void windowObjectionAnswerClose() {
    long quiet = publish(TestFixture.VILLAGE, "洋坑村村道硬化项目审批公示");
    long objected = publish(TestFixture.VILLAGE_SAME_TOWNSHIP, "桂林村水利项目审批公示");

    // listed for the public, with the filters of the board
    JsonObject page = ok(app.get("/api/v1/public/notices?county=" + TestFixture.COUNTY, null), 200);
    assertThat(page.getLong("total")).isEqualTo(2);
    assertThat(
            ok(app.get("/api/v1/public/notices?county=" + TestFixture.OTHER_COUNTY, null), 200)
                .getLong("total"))
        .isZero();
    JsonArray found =
        ok(app.get("/api/v1/public/notices?q=%E6%A1%82%E6%9E%97", null), 200).getJsonArray("items");
    assertThat(found).hasSize(1);
    assertThat(found.getJsonObject(0).getLong("id")).isEqualTo(objected);
    assertThat(
            ok(
                    app.get(
                        "/api/v1/public/notices?village="
                            + TestFixture.VILLAGE
                            + "&kind=project_approved",
                        null),
                    200)
                .getLong("total"))
        .isEqualTo(1);
    JsonObject n = notice(quiet);
    assertThat(n.getString("status")).isEqualTo("open");
    assertThat(n.getLong("amount")).isEqualTo(500_000L);
    assertThat(n.getString("countyName")).isEqualTo("安溪县");

    // bad objections: nothing written
    assertField(object(objected, new JsonObject().put("text", "  ")), 400, "text", "empty");
    assertField(
        object(objected, new JsonObject().put("text", "长".repeat(2001))), 400, "text", "too_long");
    assertField(object(objected, new JsonObject()), 400, "text", "required");
    assertThat(ok(object(999_999, new JsonObject().put("text", "x")), 404).getString("error"))
        .isEqualTo("not_found");
    assertThat(objectionRows()).isZero();

    // an objection with a contact: the notice is held
    JsonObject filed =
        ok(
            object(objected, new JsonObject().put("text", "水利项目的受益户名单有误").put("contact", CONTACT)),
            201);
    assertThat(notice(objected).getString("status")).isEqualTo("held");
    assertThat(notice(objected).getInteger("openObjections")).isEqualTo(1);

    // the window passes: the quiet notice closes (its listener is told), the held one does not
    app.clock().advance(Duration.ofDays(10).plusMinutes(1));
    List<Long> told = new ArrayList<>();
    NoticeClosedListener listener =
        new NoticeClosedListener() {
          @Override
          public String kind() {
            return NoticeKinds.PROJECT_APPROVED;
          }

          @Override
          public Future<Void> onClosed(SqlConnection tx, Notice notice) {
            told.add(notice.id());
            return Future.succeededFuture();
          }
        };
    assertThat(service.closeDue(app.clock().instant(), List.of(listener)).await()).isEqualTo(1);
    assertThat(told).containsExactly(quiet);
    assertThat(notice(quiet).getString("status")).isEqualTo("closed");
    assertThat(notice(objected).getString("status")).isEqualTo("held");
    assertThat(service.closeDue(app.clock().instant(), List.of(listener)).await()).isZero();

    // after the window, and on a closed notice: refused naming the notice
    assertField(
        object(objected, new JsonObject().put("text", "还有问题")), 409, "notice", "window_passed");
    assertField(
        object(quiet, new JsonObject().put("text", "还有问题")), 409, "notice", "notice_closed");
    assertThat(objectionRows()).isEqualTo(1);

    // the reviewers of the region see it with the contact; the auditor too; nobody else
    JsonObject forReviewer =
        ok(app.get("/api/v1/objections?status=open", Account.REVIEWER), 200)
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(forReviewer.getLong("id")).isEqualTo(filed.getLong("id"));
    assertThat(forReviewer.getString("contact")).isEqualTo(CONTACT);
    assertThat(forReviewer.getString("text")).contains("名单有误");
    assertThat(
            ok(app.get("/api/v1/objections", Account.AUDITOR), 200)
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("contact"))
        .isEqualTo(CONTACT);
    assertThat(app.get("/api/v1/objections", Account.SECRETARY).statusCode()).isEqualTo(403);
    assertThat(app.get("/api/v1/objections", null).statusCode()).isEqualTo(401);
    // the deadline is 7 days after filing: now overdue
    assertThat(forReviewer.getBoolean("overdue")).isTrue();

    // a reviewer of another region may not answer; an empty answer is refused
    long elsewhere = publish(TestFixture.OTHER_VILLAGE, "花石村项目审批公示");
    long otherObjection =
        ok(object(elsewhere, new JsonObject().put("text", "异议")), 201).getLong("id");
    assertThat(
            app.post(
                    "/api/v1/objections/" + otherObjection + "/answer",
                    Account.REVIEWER,
                    new JsonObject().put("answer", "答复"))
                .statusCode())
        .isEqualTo(403);
    assertField(
        app.post(
            "/api/v1/objections/" + filed.getLong("id") + "/answer",
            Account.REVIEWER,
            new JsonObject().put("answer", "")),
        400,
        "answer",
        "empty");

    // the reviewer answers: the answer is on the notice, which is open again and then closes
    String answer = "经核实，受益户名单已按村民代表会议决议更正，并重新张榜。";
    ok(
        app.post(
            "/api/v1/objections/" + filed.getLong("id") + "/answer",
            Account.REVIEWER,
            new JsonObject().put("answer", answer)),
        200);
    assertThat(
            app.post(
                    "/api/v1/objections/" + filed.getLong("id") + "/answer",
                    Account.REVIEWER,
                    new JsonObject().put("answer", answer))
                .statusCode())
        .isEqualTo(409);
    JsonObject shown = notice(objected);
    assertThat(shown.getString("status")).isEqualTo("open");
    assertThat(shown.getJsonArray("objectionList").getJsonObject(0).getString("answer"))
        .isEqualTo(answer);
    assertThat(shown.encode()).doesNotContain(CONTACT).doesNotContain("名单有误");
    assertThat(service.closeDue(app.clock().instant(), List.of()).await()).isEqualTo(1);
    assertThat(notice(objected).getString("status")).isEqualTo("closed");

    // the contact is stored sealed, never in clear
    String stored =
        app.pool()
            .query(
                "SELECT encode(contact_enc, 'escape') FROM notice_objections WHERE contact_enc IS NOT NULL")
            .execute()
            .await()
            .iterator()
            .next()
            .getString(0);
    assertThat(stored).doesNotContain(CONTACT);
    assertThat(app.get("/api/v1/public/notices", null).bodyAsString()).doesNotContain(CONTACT);
  }

  @Test
  @DisplayName("an address may file at most the configured objections a day")
  void limitPerAddress() {
    long id = publish(TestFixture.VILLAGE_OTHER_TOWNSHIP, "湖西村项目审批公示");
    int before = objectionRows();
    long n =
        app.pool()
            .preparedQuery("SELECT count(*) FROM notice_objections WHERE filed_at > $1")
            .execute(
                Tuple.of(
                    app.clock()
                        .instant()
                        .minus(Duration.ofDays(1))
                        .atOffset(java.time.ZoneOffset.UTC)))
            .await()
            .iterator()
            .next()
            .getLong(0);
    for (long i = n; i < 5; i++) {
      ok(object(id, new JsonObject().put("text", "异议 " + i)), 201);
    }
    assertThat(ok(object(id, new JsonObject().put("text", "第六条")), 429).getString("error"))
        .isEqualTo("objection_limit");
    assertThat(objectionRows()).isEqualTo(before + (5 - n));
    app.clock().advance(Duration.ofDays(1).plusMinutes(1));
    // a day later the address may object again (the window is still open: 10 days)
    ok(object(id, new JsonObject().put("text", "第二天的异议")), 201);
  }

  @Test
  @DisplayName("a verified allocation becomes a notice naming village, donor and amount, once")
  void allocationVerified() {
    long allocation =
        app.pool()
            .query(
                """
        WITH n AS (INSERT INTO needs (village_id, category, unit, quantity, allocated, priority, title, status)
                   VALUES ('350524-T01-V01', 'education', 'CNY', 30000, 30000, 3, '村小学课桌椅更新', 'verified') RETURNING id),
             p AS (INSERT INTO pledges (donor_id, campaign_id, unit, quantity, allocated, mode)
                   VALUES (1, 1, 'CNY', 30000, 30000, 'pooled') RETURNING id)
        INSERT INTO allocations (need_id, pledge_id, source, unit, quantity, status, verified_at)
        SELECT n.id, p.id, 'claim', 'CNY', 30000, 'verified', now() FROM n, p RETURNING id""")
            .execute()
            .await()
            .iterator()
            .next()
            .getLong(0);
    long id =
        app.pool().withTransaction(tx -> service.publishAllocationVerified(tx, allocation)).await();
    assertThat(
            app.pool()
                .withTransaction(tx -> service.publishAllocationVerified(tx, allocation))
                .await())
        .isEqualTo(id);
    JsonObject n = notice(id);
    assertThat(n.getString("kind")).isEqualTo("allocation_verified");
    assertThat(n.getLong("amount")).isEqualTo(30000L);
    assertThat(n.getString("implementer")).isEqualTo("测试实业有限公司");
    assertThat(n.getString("source")).contains("百企帮百村");
    assertThat(n.getString("place")).isEqualTo("安溪县龙门镇洋坑村");
    assertThat(n.getString("purpose")).isEqualTo("村小学课桌椅更新");
    assertThat(n.getString("status")).isEqualTo("open");
    // the public board links the verified help to its notice
    JsonObject entry =
        ok(app.get("/api/v1/public/board?village=" + TestFixture.VILLAGE, null), 200)
            .getJsonArray("items")
            .stream()
            .map(JsonObject.class::cast)
            .filter(e -> e.getLong("id") == allocation)
            .findFirst()
            .orElseThrow();
    assertThat(entry.getLong("noticeId")).isEqualTo(id);
    assertThat(entry.getString("noticeStatus")).isEqualTo("open");
    // filtered by its county it is there (counted too); by another county it is not
    JsonObject county = ok(app.get("/api/v1/public/board?county=" + TestFixture.COUNTY, null), 200);
    assertThat(county.getLong("total")).isPositive();
    assertThat(county.getJsonArray("items").stream().map(JsonObject.class::cast))
        .anyMatch(e -> e.getLong("id") == allocation);
    JsonObject other =
        ok(app.get("/api/v1/public/board?county=" + TestFixture.OTHER_COUNTY, null), 200);
    assertThat(other.getJsonArray("items").stream().map(JsonObject.class::cast))
        .noneMatch(e -> e.getLong("id") == allocation);
    assertThat(other.getLong("total")).isEqualTo(other.getJsonArray("items").size());
  }
}
