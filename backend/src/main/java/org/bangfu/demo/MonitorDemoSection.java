package org.bangfu.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
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

  /** The register's households of a county; "free" when no status application is under way. */
  static final String HOUSEHOLDS =
      """
      SELECT h.id_number_enc, h.head_name, h.village_id, h.status,
             NOT EXISTS (SELECT 1 FROM status_applications a WHERE a.household_id = h.id
                            AND a.state IN ('submitted', 'reviewed', 'in_notice')) AS free
        FROM households h
       WHERE h.status <> 'removed' AND h.village_id LIKE $1 || '-%' ORDER BY h.village_id = $2 DESC, h.id""";

  static final String VILLAGES =
      "SELECT id FROM regions WHERE level = 'village' AND id LIKE $1 || '-%' ORDER BY id";
  static final String BATCH_CASES =
      """
      SELECT c.id, c.village_id, c.household_id, coalesce(cardinality(h.gaps), 0) = 0 AS secure
        FROM monitor_cases c LEFT JOIN households h ON h.id = c.household_id
       WHERE c.id IN (SELECT l.case_id FROM monitor_leads l WHERE l.batch_id = $1)
         AND c.state = 'triage' AND c.opened_at = $2 ORDER BY c.id""";

  static final String ANXI = "350524";
  static final String YONGCHUN = "350525";

  /** The files: days before the load, county, department, rows. */
  record Batch(int daysAgo, String county, WarningDemoFiles.Department department, int rows) {}

  static final List<Batch> BATCHES =
      List.of(
          new Batch(28, ANXI, WarningDemoFiles.MEDICAL, 60),
          new Batch(26, YONGCHUN, WarningDemoFiles.MEDICAL, 60),
          new Batch(23, ANXI, WarningDemoFiles.EDUCATION, 60),
          new Batch(20, YONGCHUN, WarningDemoFiles.EMERGENCY, 60),
          new Batch(17, ANXI, WarningDemoFiles.CIVIL, 60),
          new Batch(13, YONGCHUN, WarningDemoFiles.CIVIL, 540),
          new Batch(10, ANXI, WarningDemoFiles.EMERGENCY, 540),
          new Batch(7, YONGCHUN, WarningDemoFiles.EDUCATION, 540),
          new Batch(4, ANXI, WarningDemoFiles.MEDICAL, 540),
          new Batch(1, YONGCHUN, WarningDemoFiles.MEDICAL, 540));

  /**
   * How many people of the register, and as many not in it, an older file names (each case the
   * county triaged is a few service steps: the demo stays quick to load).
   */
  static final int OLD_POOL = 8;

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
        .compose(l -> incomeLines(l).map(l))
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

  /**
   * A county's people: of the register (by their ID numbers; the secretary's village's first,
   * {@code own} of them) and not in it, its villages, and the households of the secretary's village
   * whose cases the demo takes to a decision (named by the first file only).
   */
  record People(
      List<WarningDemoFiles.Person> registered,
      int own,
      List<WarningDemoFiles.Person> others,
      List<String> villages,
      List<WarningDemoFiles.Person> flow) {}

  /** How many of the secretary's households the demo takes to a decision and beyond. */
  static final int FLOW = 5;

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
                        rows ->
                            people(
                                rows,
                                cipher,
                                first,
                                villages,
                                WarningDemoFiles.outsiders(r, county, villages, 400))));
  }

  /**
   * Splits the register's households: the first exited or marginal ones of the secretary's village
   * (a status a monitoring decision may change) are followed to a decision; the rest are named at
   * random.
   */
  private static People people(
      Iterable<Row> rows,
      PersonalDataCipher cipher,
      String first,
      List<String> villages,
      List<WarningDemoFiles.Person> others) {
    List<WarningDemoFiles.Person> reg = new ArrayList<>();
    List<WarningDemoFiles.Person> flow = new ArrayList<>();
    int own = 0;
    for (Row row : rows) {
      String id = cipher.decrypt("household.idNumber", row.getBuffer("id_number_enc").getBytes());
      var p =
          new WarningDemoFiles.Person(id, row.getString("head_name"), row.getString("village_id"));
      boolean ours = first.equals(p.villageId());
      boolean changeable =
          row.getBoolean("free") && List.of("exited", "marginal").contains(row.getString("status"));
      if (ours && changeable && flow.size() < FLOW) {
        flow.add(p);
      } else {
        reg.add(p);
        own += ours ? 1 : 0;
      }
    }
    return new People(reg, own, others, villages, flow);
  }

  private static List<String> column(Iterable<Row> rows, int i) {
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.getString(i)));
    return out;
  }

  private static Future<Map<String, CurrentUser>> users(SqlConnection db) {
    String[] names = {"admin", "fpb-anxi", "fpb-yongchun", "fpb-anxi-town", "shuji-anxi"};
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
   * 福建's monitoring income lines of the month's years (a home check compares the income with it; a
   * risk is closed only above it), set by the administrator.
   */
  private static Future<Void> incomeLines(Loading l) {
    CurrentUser admin = l.users().get("admin");
    Future<Void> f = Future.succeededFuture();
    Set<Integer> years = new TreeSet<>();
    years.add(LocalDate.ofInstant(l.daysAgo(31), ZoneOffset.ofHours(8)).getYear());
    years.add(LocalDate.ofInstant(l.now(), ZoneOffset.ofHours(8)).getYear());
    for (int year : years) {
      f =
          f.compose(
              v ->
                  l.services()
                      .cases()
                      .setThreshold(
                          admin,
                          "35",
                          year,
                          INCOME_LINE,
                          LocalDate.of(year, 1, 1),
                          "福建省防止返贫动态监测收入线（演示）")
                      .mapEmpty());
    }
    return f;
  }

  /** The demo's monitoring income line (yuan per head and year). */
  static final long INCOME_LINE = 7_000;

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
    // the older files name fewer people (the county had dealt with them by now), none of the
    // secretary's village but those the demo follows
    boolean old = b.daysAgo() > TRIAGED_BEFORE_DAYS;
    List<WarningDemoFiles.Person> others = old ? p.others().subList(0, OLD_POOL) : p.others();
    List<WarningDemoFiles.Person> registered =
        old
            ? p.registered().subList(p.own(), Math.min(p.own() + OLD_POOL, p.registered().size()))
            : p.registered();
    List<WarningDemoFiles.Person> first = i == 0 ? p.flow() : List.of();
    byte[] file =
        WarningDemoFiles.csv(l.random(), b.department(), registered, others, b.rows(), first);
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
