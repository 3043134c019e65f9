package org.bangfu.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.monitor.WarningService;
import org.bangfu.privacy.PersonalDataCipher;

/**
 * 防返贫 monitor demo: the month before the load in 安溪 and 永春. Ten department files (医保 self-paid
 * costs, 教育 school costs, 应急 disaster lists, 民政 new 低保 and 特困; three thousand rows) arrive through
 * the warning path; the county triaged what came more than two weeks ago (most dismissed, some
 * checked at home, one rejected, one accepted and never checked — late, and escalated by the
 * deadline job's first run); of the last two weeks' leads most wait in triage with their clock,
 * some are at the home check, one checked, one in its village notice, one on the green channel with
 * its paperwork owed; households filed reports of their own (自主申报) with tracking codes. Every step
 * goes through the monitor's services ({@link MonitorDemoServices}) at its own instant. All
 * invented.
 */
public final class MonitorDemoSection implements DemoSection {
  static final String USERS =
      "SELECT id, username, role, region_id, village_id FROM users WHERE username = ANY($1)";
  static final String HOUSEHOLDS =
      """
      SELECT id_number_enc, head_name, village_id FROM households
       WHERE status <> 'removed' AND village_id LIKE $1 || '-%' ORDER BY village_id = $2 DESC, id""";
  static final String VILLAGES =
      "SELECT id FROM regions WHERE level = 'village' AND id LIKE $1 || '-%' ORDER BY id";
  static final String BATCH_CASES =
      """
      SELECT DISTINCT c.id, c.village_id, c.household_id FROM monitor_cases c
        JOIN monitor_leads l ON l.case_id = c.id
       WHERE l.batch_id = $1 AND c.state = 'triage' AND c.opened_at = $2 ORDER BY c.id""";

  static final String ANXI = "350524";
  static final String YONGCHUN = "350525";

  /** The files: days before the load, county, department, rows. */
  record Batch(int daysAgo, String county, WarningDemoFiles.Department department, int rows) {}

  static final List<Batch> BATCHES =
      List.of(
          new Batch(28, ANXI, WarningDemoFiles.MEDICAL, 150),
          new Batch(26, YONGCHUN, WarningDemoFiles.MEDICAL, 150),
          new Batch(23, ANXI, WarningDemoFiles.EDUCATION, 150),
          new Batch(20, YONGCHUN, WarningDemoFiles.EMERGENCY, 150),
          new Batch(17, ANXI, WarningDemoFiles.CIVIL, 150),
          new Batch(13, YONGCHUN, WarningDemoFiles.CIVIL, 450),
          new Batch(10, ANXI, WarningDemoFiles.EMERGENCY, 450),
          new Batch(7, YONGCHUN, WarningDemoFiles.EDUCATION, 450),
          new Batch(4, ANXI, WarningDemoFiles.MEDICAL, 450),
          new Batch(1, YONGCHUN, WarningDemoFiles.MEDICAL, 450));

  /** The county's clock: cases of files older than this were triaged before the load. */
  static final int TRIAGED_BEFORE_DAYS = 15;

  @Override
  public String name() {
    return "monitor";
  }

  @Override
  public Future<Void> load(SqlConnection db, DemoContext demo) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    MonitorDemoServices services =
        MonitorDemoServices.build(demo.vertx(), new OneConnection(db), new DemoClock(now));
    return users(db)
        .compose(
            u ->
                PersonalDataCipher.resolve(db)
                    .compose(
                        cipher ->
                            people(db, cipher, demo.random(), u.get("shuji-anxi").villageId())
                                .map(p -> new Loading(services, cipher, p, now).withUsers(u))))
        .compose(l -> batches(db, l, 0))
        .compose(l -> new MonitorDemoCases(db, l).run());
  }

  /** What the loading carries from step to step. */
  record Loading(
      MonitorDemoServices services,
      PersonalDataCipher cipher,
      Map<String, People> people,
      Instant now,
      Map<String, CurrentUser> users,
      Map<Integer, Long> batchIds,
      Random random) {
    Loading(MonitorDemoServices s, PersonalDataCipher c, Map<String, People> p, Instant now) {
      this(s, c, p, now, Map.of(), new HashMap<>(), new Random(20201231L));
    }

    Loading withUsers(Map<String, CurrentUser> u) {
      return new Loading(services, cipher, people, now, u, batchIds, random);
    }

    Instant daysAgo(double days) {
      return now.minus(Duration.ofMinutes(Math.round(days * 24 * 60)));
    }

    CurrentUser reviewer(String county) {
      return users.get(ANXI.equals(county) ? "fpb-anxi" : "fpb-yongchun");
    }
  }

  /** A county's people: of the register (by their ID numbers) and not in it, and its villages. */
  record People(
      List<WarningDemoFiles.Person> registered,
      List<WarningDemoFiles.Person> others,
      List<String> villages) {}

  /** The two counties' people, the households of the secretary's village first in 安溪's. */
  private static Future<Map<String, People>> people(
      SqlConnection db, PersonalDataCipher cipher, Random r, String village) {
    return county(db, cipher, r, ANXI, village)
        .compose(
            a -> county(db, cipher, r, YONGCHUN, village).map(y -> Map.of(ANXI, a, YONGCHUN, y)));
  }

  private static Future<People> county(
      SqlConnection db, PersonalDataCipher cipher, Random r, String county, String first) {
    return db.preparedQuery(VILLAGES)
        .execute(Tuple.of(county))
        .map(rows -> column(rows, 0))
        .compose(
            villages ->
                db.preparedQuery(HOUSEHOLDS)
                    .execute(Tuple.of(county, first))
                    .map(
                        rows -> {
                          List<WarningDemoFiles.Person> reg = new ArrayList<>();
                          for (Row row : rows) {
                            String id =
                                cipher.decrypt(
                                    "household.idNumber",
                                    row.getBuffer("id_number_enc").getBytes());
                            reg.add(
                                new WarningDemoFiles.Person(
                                    id, row.getString("head_name"), row.getString("village_id")));
                          }
                          return new People(
                              reg, WarningDemoFiles.outsiders(r, county, villages, 400), villages);
                        }));
  }

  private static List<String> column(Iterable<Row> rows, int i) {
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.getString(i)));
    return out;
  }

  private static Future<Map<String, CurrentUser>> users(SqlConnection db) {
    String[] names = {"fpb-anxi", "fpb-yongchun", "fpb-anxi-town", "shuji-anxi"};
    return db.preparedQuery(USERS)
        .execute(Tuple.of((Object) names))
        .map(
            rows -> {
              Map<String, CurrentUser> out = new HashMap<>();
              for (Row r : rows) {
                out.put(
                    r.getString("username"),
                    new CurrentUser(
                        r.getLong("id"),
                        r.getString("username"),
                        Role.fromWire(r.getString("role")).orElseThrow(),
                        r.getString("village_id"),
                        r.getString("region_id"),
                        null));
              }
              return out;
            });
  }

  /**
   * The files in order, each received at its day by its county's reviewer; the older ones' cases
   * triaged by the county before the next file came.
   */
  private static Future<Loading> batches(SqlConnection db, Loading l, int i) {
    if (i == BATCHES.size()) {
      return Future.succeededFuture(l);
    }
    Batch b = BATCHES.get(i);
    People p = l.people().get(b.county());
    // the older files name fewer people: the county had dealt with them by now
    List<WarningDemoFiles.Person> others =
        b.daysAgo() > TRIAGED_BEFORE_DAYS ? p.others().subList(0, 40) : p.others();
    List<WarningDemoFiles.Person> registered =
        b.daysAgo() > TRIAGED_BEFORE_DAYS
            ? p.registered().subList(0, Math.min(40, p.registered().size()))
            : p.registered();
    byte[] file = WarningDemoFiles.csv(l.random(), b.department(), registered, others, b.rows());
    Instant at = l.daysAgo(b.daysAgo() + 0.3);
    l.services().clock().set(at);
    var source =
        new WarningService.Source(
            b.county(), b.department().code(), b.department().office() + ".csv", "csv");
    return l.services()
        .warnings()
        .receiveIn(db, l.reviewer(b.county()), source, file, l.cipher(), at)
        .compose(
            id -> {
              l.batchIds().put(i, id);
              return b.daysAgo() > TRIAGED_BEFORE_DAYS
                  ? MonitorDemoCases.triageOld(db, l, b, id, at)
                  : Future.succeededFuture();
            })
        .compose(v -> batches(db, l, i + 1));
  }
}
