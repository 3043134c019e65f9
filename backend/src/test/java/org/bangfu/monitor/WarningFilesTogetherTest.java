package org.bangfu.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiPredicate;
import org.bangfu.households.IdNumbers;
import org.bangfu.testing.HeldRows;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Departments' files received at the same moment (医保 and 民政 of one county, or several counties'
 * uploads) that name the same people: every file is answered, each person keeps one open case, and
 * every row is counted once on it — however the files' rows are ordered.
 */
class WarningFilesTogetherTest {
  static TestApp app;

  /** People with a case open before the files arrive. */
  static final int KNOWN = 400;

  /** People no case names yet, opened by the files themselves. */
  static final int FRESH = 80;

  /** Rounds of files opening cases for new people. */
  static final int ROUNDS = 4;

  /** Files sent at once (as many as the test's web client keeps connections to one server). */
  static final int FILES = 5;

  /** Rows sent so far, per person: what each case's leads must count. */
  static final Map<Integer, Integer> NAMED = new HashMap<>();

  static final Random RANDOM = new Random(20180612);

  @BeforeAll
  static void start() {
    // room for every file's transaction, the test's own writer and its look at who waits
    app = TestApp.start(TestApp.Data.FIXTURE, Map.of("BANGFU_DB_POOL_SIZE", "12"));
    List<Integer> known = new ArrayList<>();
    for (int i = 0; i < KNOWN; i++) {
      known.add(i);
    }
    HttpResponse<Buffer> first = send(known).await();
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
    assertThat(first.bodyAsJsonObject().getInteger("newCases")).isEqualTo(KNOWN);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** A valid ID number of the test county, one per person (none is in the register). */
  static String person(int i) {
    return IdNumbers.withCheck(
        String.format("350524195%d%02d%02d%03d", i % 10, 1 + i % 12, 1 + i % 28, i));
  }

  /** A 民政 file naming these people in this order (every row kept). */
  static synchronized Future<HttpResponse<Buffer>> send(List<Integer> people) {
    StringBuilder csv = new StringBuilder("身份证号,姓名\n");
    for (int p : people) {
      csv.append(person(p)).append(",某").append(p % 100).append('\n');
      NAMED.merge(p, 1, Integer::sum);
    }
    return app.client()
        .post("/api/v1/monitor/warning-files?department=civil_affairs&fileName=minzheng.csv")
        .bearerTokenAuthentication(app.token(Account.REVIEWER))
        .putHeader("Content-Type", "text/csv")
        .sendBuffer(Buffer.buffer(csv.toString()));
  }

  /**
   * {@link #FILES} files, each of the people it names (by file and person) in an order of its own;
   * all answered 201.
   */
  static Future<List<JsonObject>> sendTogether(BiPredicate<Integer, Integer> names, int upTo) {
    List<Future<HttpResponse<Buffer>>> files = new ArrayList<>();
    for (int f = 0; f < FILES; f++) {
      List<Integer> people = new ArrayList<>();
      for (int i = 0; i < upTo; i++) {
        if (names.test(f, i)) {
          people.add(i);
        }
      }
      Collections.shuffle(people, RANDOM);
      files.add(send(people));
    }
    return Future.join(files)
        .transform(
            all -> {
              List<JsonObject> answers = new ArrayList<>();
              for (Future<HttpResponse<Buffer>> f : files) {
                HttpResponse<Buffer> r = f.result();
                assertThat(r).as("every file is answered: " + f.cause()).isNotNull();
                assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
                answers.add(r.bodyAsJsonObject());
              }
              return Future.succeededFuture(answers);
            });
  }

  @Test
  @DisplayName(
      "files joining the same cases at the same moment, each in its own order: no deadlock")
  void joinedTogether() {
    // the files are held at the cases they join and let go at once, each going on from the
    // first case it found held; they are of different sizes (a tenth to all of the people), so
    // the database may plan each one's update its own way. (Without the batch's lock of the
    // joined cases in the order of their ids, files like these deadlocked on the tallies in two
    // runs of five; the lock makes the order one.)
    List<JsonObject> answers =
        HeldRows.releasedTogether(
            app,
            "SELECT id FROM monitor_cases WHERE county_id = $1 FOR NO KEY UPDATE",
            Tuple.of(TestFixture.COUNTY),
            FILES,
            () -> sendTogether((f, i) -> RANDOM.nextInt(FILES) <= f * f, KNOWN));
    assertThat(answers).extracting(a -> a.getInteger("newCases")).containsOnly(0);
    assertOneCaseEach();
  }

  @Test
  @DisplayName("files opening cases for the same new people at once: one case each")
  void openedTogether() {
    for (int round = 0; round < ROUNDS; round++) {
      int from = KNOWN + round * FRESH;
      List<JsonObject> answers =
          sendTogether((f, i) -> i >= from || (i < KNOWN && RANDOM.nextInt(4) > 0), from + FRESH)
              .await();
      assertThat(answers.stream().mapToInt(a -> a.getInteger("newCases")).sum())
          .as("each new person's case opened once, by one of the files")
          .isEqualTo(FRESH);
    }
    assertOneCaseEach();
  }

  /**
   * Each person named so far has one case, whose tally is its leads: as many as rows named them.
   */
  static void assertOneCaseEach() {
    List<Integer> leads = new ArrayList<>();
    for (Row r :
        app.pool()
            .preparedQuery(
                "SELECT c.leads, (SELECT count(*) FROM monitor_leads l WHERE l.case_id = c.id) AS rows"
                    + " FROM monitor_cases c WHERE c.county_id = $1")
            .execute(Tuple.of(TestFixture.COUNTY))
            .await()) {
      assertThat(r.getInteger("leads"))
          .as("the case's tally is its leads")
          .isEqualTo(r.getLong("rows").intValue());
      leads.add(r.getInteger("leads"));
    }
    assertThat(leads).as("one case a person").containsExactlyInAnyOrderElementsOf(NAMED.values());
    assertClocksOfCases();
  }

  /**
   * Each case stands in the inbox with its home check and its decision, once, and no clock names a
   * case that was not opened (a file that lost the race for a person takes back the clocks it had
   * opened for the number it did not use).
   */
  static void assertClocksOfCases() {
    Row r =
        app.pool()
            .query(
                "SELECT (SELECT count(*) FROM monitor_cases) AS cases,"
                    + " (SELECT count(*) FROM deadlines d WHERE d.subject_type = 'monitor_case'"
                    + "   AND d.kind = 'monitor_check') AS checks,"
                    + " (SELECT count(*) FROM deadlines d WHERE d.subject_type = 'monitor_case'"
                    + "   AND d.kind = 'monitor_decision') AS decisions,"
                    + " (SELECT count(*) FROM deadlines d WHERE d.subject_type = 'monitor_case'"
                    + "   AND NOT EXISTS (SELECT 1 FROM monitor_cases c WHERE c.id::text = d.subject_id))"
                    + "   AS orphans")
            .execute()
            .await()
            .iterator()
            .next();
    assertThat(r.getLong("orphans")).as("clocks of cases never opened").isZero();
    assertThat(r.getLong("checks")).as("a home check per case").isEqualTo(r.getLong("cases"));
    assertThat(r.getLong("decisions")).as("a decision per case").isEqualTo(r.getLong("cases"));
  }
}
