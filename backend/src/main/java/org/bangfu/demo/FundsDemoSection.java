package org.bangfu.demo;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bangfu.config.FundsConfig;
import org.bangfu.privacy.PersonalDataCipher;
import org.bangfu.supervision.SupervisionRepository;
import org.bangfu.supervision.SupervisionService;

/**
 * The seed's fiscal programmes with its figures, and projects on them in every state: the 28
 * city-dispatched help villages with 500,000 yuan each; the 30 million yuan housing programme
 * across 南安, 安溪, 永春, 德化, 惠安, 洛江, 泉港; 25 million for collective-economy projects of the registered
 * poor villages; 20 million for infrastructure in key townships and villages; the 对口资金 of each of
 * the seven mountain-sea pairs. Approved and accepted projects and verified allocations are on
 * public notice (some still open, some held by objections, one answered); the supervision rules
 * have run, and auditors have handled a few alerts. Amounts, implementers and dates are invented;
 * the demo is anchored at the moment it is loaded.
 */
final class FundsDemoSection implements DemoSection {
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  static final List<String> HOUSING_COUNTIES =
      List.of("350583", "350524", "350525", "350526", "350521", "350504", "350505");
  static final String[] BUILDERS = {
    "泉州市鑫源建设工程有限公司",
    "安溪县路桥工程有限公司",
    "福建闽南水利水电工程有限公司",
    "永春县城乡建设有限公司",
    "德化县宏达建筑工程有限公司",
    "南安市恒泰市政工程有限公司"
  };
  static final String[] PROCUREMENT = {
    "public_tender", "inquiry", "competitive_negotiation", "invited_tender"
  };
  static final String[] OBJECTIONS = {
    "公示的受益户名单里有一户家里已经盖了新房，不符合条件，请核实。", "项目实际只修了一半路面，公示金额与施工量不符。", "施工队没有按公示的方案施工，水渠用的是旧材料。"
  };

  private Instant now;
  private LocalDate today;
  private Random r;
  private final Map<String, String[]> places = new HashMap<>(); // id → {name, place}
  private final List<Tuple> notices = new ArrayList<>();

  @Override
  public String name() {
    return "funds";
  }

  @Override
  public Future<Void> load(SqlConnection db, DemoContext demo) {
    now = Instant.now();
    today = LocalDate.ofInstant(now, CHINA);
    r = demo.random();
    return db.query(
            """
            SELECT r.id, r.name, concat_ws('', c.name, CASE WHEN r.level = 'village' THEN t.name END,
                                           CASE WHEN r.level <> 'county' THEN r.name END) AS place
              FROM regions r LEFT JOIN regions t ON t.id = r.parent_id
              LEFT JOIN regions c ON c.id = region_county(r.id)
             WHERE r.level IN ('village', 'county')""")
        .execute()
        .compose(
            rows -> {
              rows.forEach(
                  row ->
                      places.put(
                          row.getString("id"),
                          new String[] {row.getString("name"), row.getString("place")}));
              return helpVillages(db);
            })
        .compose(v -> housing(db))
        .compose(v -> collective(db))
        .compose(v -> infrastructure(db))
        .compose(v -> mountainSea(db))
        .compose(
            v ->
                db.query(
                        """
            UPDATE fund_programmes g SET allocated = s.a, disbursed = s.d
              FROM (SELECT programme_id, sum(amount) AS a, sum(disbursed) AS d FROM fund_project_sources
                     GROUP BY programme_id) s
             WHERE s.programme_id = g.id""")
                    .execute())
        .compose(v -> db.preparedQuery(INSERT_NOTICE).executeBatch(notices))
        .compose(v -> allocationNotices(db))
        .compose(v -> objections(db))
        .compose(v -> alerts(db, demo))
        .mapEmpty();
  }

  // ---------------------------------------------------------------- programmes and projects

  private Future<Long> programme(
      SqlConnection db,
      String name,
      String source,
      String sourceRegion,
      String category,
      long budget,
      String eligibility,
      List<String> counties,
      String dispatchedBy,
      List<String> statuses,
      String description) {
    return db.preparedQuery(
            """
            INSERT INTO fund_programmes (name, source, source_region_id, category, year, budget, eligibility,
                                         eligible_counties, dispatched_by, household_statuses, starts_on, ends_on,
                                         description, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id""")
        .execute(
            Tuple.from(
                new Object[] {
                  name,
                  source,
                  sourceRegion,
                  category,
                  today.getYear(),
                  budget,
                  eligibility,
                  counties.toArray(String[]::new),
                  dispatchedBy,
                  statuses.toArray(String[]::new),
                  LocalDate.of(today.getYear(), 1, 1),
                  LocalDate.of(today.getYear(), 12, 31),
                  description,
                  utc(now.minus(Duration.ofDays(200)))
                }))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /**
   * A project in state {@code state} (0 planned, 1 approved, 2 in progress, 3 accepted), approved
   * {@code age} days ago.
   */
  private Future<Void> project(
      SqlConnection db,
      long programme,
      String name,
      String region,
      Long household,
      String category,
      long amount,
      int state,
      int age,
      String sourceName) {
    String implementer = household != null ? "户主自建（村委会监督）" : BUILDERS[r.nextInt(BUILDERS.length)];
    String procurement =
        household != null ? "self_built" : PROCUREMENT[r.nextInt(PROCUREMENT.length)];
    Instant approved = now.minus(Duration.ofDays(age)).minus(Duration.ofHours(r.nextInt(20)));
    LocalDate start = LocalDate.ofInstant(approved, CHINA).plusDays(7);
    // some in progress are past their planned end (overdue) and some have not reported for weeks
    boolean late = state == 2 && r.nextInt(6) == 0;
    LocalDate end =
        late ? today.minusDays(5 + r.nextInt(20)) : start.plusDays(120 + r.nextInt(150));
    if (end.isBefore(start)) {
      start = end.minusDays(90);
    }
    long disbursed =
        switch (state) {
          case 2 -> amount * (3 + r.nextInt(5)) / 10;
          case 3 -> amount;
          default -> 0;
        };
    int progress =
        switch (state) {
          case 2 -> 20 + r.nextInt(70);
          case 3 -> 100;
          default -> 0;
        };
    Instant lastReport =
        state == 2
            ? now.minus(Duration.ofDays(r.nextInt(4) == 0 ? 35 + r.nextInt(30) : 1 + r.nextInt(20)))
            : state == 3 ? now.minus(Duration.ofDays(Math.max(1, age / 3))) : null;
    Instant accepted = state == 3 ? now.minus(Duration.ofDays(Math.max(1, age / 4))) : null;
    String status = new String[] {"planned", "approved", "in_progress", "accepted"}[state];
    String description =
        switch (category) {
          case "housing" -> "贫困户住房改善提升：加固、修缮屋面与厨卫";
          case "collective" ->
              "村集体经营性项目："
                  + new String[] {"茶叶初制厂", "光伏发电站", "标准厂房出租", "农贸市场店面", "乡村旅游民宿"}[r.nextInt(5)];
          case "industry" -> "山海协作共建产业园区：标准厂房与配套设施";
          default ->
              new String[] {"村道硬化", "农田水利沟渠", "安全饮水工程", "污水处理设施", "村卫生所改造", "文体活动中心"}[r.nextInt(6)];
        };
    Instant created = approved.minus(Duration.ofDays(3));
    return db.preparedQuery(
            """
            INSERT INTO fund_projects (name, region_id, household_id, category, budget, allocated, disbursed, implementer,
                                       procurement, planned_start, planned_end, description, status, progress, created_at,
                                       approved_at, accepted_at, acceptance_note, last_report_at)
            VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id""")
        .execute(
            Tuple.from(
                new Object[] {
                  name,
                  region,
                  household,
                  category,
                  amount,
                  disbursed,
                  implementer,
                  procurement,
                  start,
                  end,
                  description,
                  status,
                  progress,
                  utc(created),
                  state == 0 ? null : utc(approved),
                  accepted == null ? null : utc(accepted),
                  accepted == null ? null : "经乡镇、村两级联合验收合格，资料齐全",
                  lastReport == null ? null : utc(lastReport)
                }))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(
            id ->
                db.preparedQuery(
                        "INSERT INTO fund_project_sources (project_id, programme_id, amount, disbursed) "
                            + "VALUES ($1, $2, $3, $4)")
                    .execute(Tuple.of(id, programme, amount, disbursed))
                    .compose(
                        v ->
                            disbursed == 0
                                ? Future.succeededFuture()
                                : db.preparedQuery(
                                        """
                INSERT INTO fund_disbursements (project_id, programme_id, amount, note, at) VALUES ($1, $2, $3, $4, $5)""")
                                    .execute(
                                        Tuple.of(
                                            id,
                                            programme,
                                            disbursed,
                                            state == 3 ? "全额拨付" : "按进度拨付",
                                            utc(approved.plus(Duration.ofDays(5))))))
                    .compose(
                        v ->
                            lastReport == null
                                ? Future.succeededFuture()
                                : db.preparedQuery(
                                        """
                INSERT INTO fund_progress_reports (project_id, percent, note, at) VALUES ($1, $2, $3, $4)""")
                                    .execute(
                                        Tuple.of(
                                            id,
                                            progress,
                                            state == 3
                                                ? "工程完工，申请验收"
                                                : "施工正常推进，已完成约 " + progress + "%",
                                            utc(lastReport))))
                    .map(
                        v -> {
                          String[] place =
                              places.getOrDefault(region, new String[] {region, region});
                          String beneficiaries =
                              household != null
                                  ? place[0] + "建档立卡贫困户 1 户"
                                  : region.contains("-") ? place[0] + "村集体及村民" : place[0];
                          if (state >= 1) {
                            notices.add(
                                notice(
                                    "project_approved",
                                    id,
                                    region,
                                    name + "立项公示",
                                    amount,
                                    sourceName,
                                    description,
                                    place[1],
                                    implementer,
                                    beneficiaries,
                                    approved));
                          }
                          if (state == 3) {
                            notices.add(
                                notice(
                                    "project_accepted",
                                    id,
                                    region,
                                    name + "验收公示",
                                    disbursed,
                                    sourceName,
                                    description,
                                    place[1],
                                    implementer,
                                    beneficiaries,
                                    accepted));
                          }
                          return null;
                        }))
        .mapEmpty();
  }

  /**
   * The state of the i-th project of n: a few planned, some approved, most in progress, some
   * accepted.
   */
  private int state(int i) {
    int k = i % 10;
    return k == 0 ? 0 : k <= 2 ? 1 : k <= 7 ? 2 : 3;
  }

  /** Days since approval: recent ones are still on notice. */
  private int age(int state, int i) {
    return switch (state) {
      case 1 -> 2 + (i % 7);
      case 2 -> 25 + r.nextInt(150);
      case 3 -> 120 + r.nextInt(150);
      default -> 0;
    };
  }

  private Future<Void> projects(
      SqlConnection db,
      long programme,
      String sourceName,
      List<String> regions,
      List<Long> households,
      String category,
      String suffix,
      long amount) {
    Future<Void> f = Future.succeededFuture();
    for (int i = 0; i < regions.size(); i++) {
      int idx = i;
      int state = state(i);
      String region = regions.get(i);
      Long household = households == null ? null : households.get(i);
      String name = places.getOrDefault(region, new String[] {region})[0] + suffix;
      f =
          f.compose(
              v ->
                  project(
                      db,
                      programme,
                      name,
                      region,
                      household,
                      category,
                      amount,
                      state,
                      age(state, idx),
                      sourceName));
    }
    return f;
  }

  private static List<String> ids(Iterable<Row> rows) {
    List<String> out = new ArrayList<>();
    rows.forEach(row -> out.add(row.getString(0)));
    return out;
  }

  private Future<Void> helpVillages(SqlConnection db) {
    String name = "市派帮扶村整村推进资金";
    return programme(
            db,
            name,
            "city",
            null,
            "infrastructure",
            28L * 500_000,
            "help_villages",
            List.of(),
            "city",
            List.of(),
            "第五轮全省整村推进帮扶工作中市派 28 个帮扶村，每村 50 万元")
        .compose(
            g ->
                db.query(
                        "SELECT id FROM regions WHERE help_village AND dispatched_by = 'city' ORDER BY id LIMIT 28")
                    .execute()
                    .compose(
                        rows ->
                            projects(
                                db, g, name, ids(rows), null, "infrastructure", "整村推进项目", 500_000)))
        .compose(
            v ->
                programme(
                    db,
                    "省派帮扶村资金",
                    "province",
                    null,
                    "infrastructure",
                    12L * 200_000,
                    "help_villages",
                    List.of(),
                    "province",
                    List.of(),
                    "省派帮扶村每村 20 万元"))
        .compose(
            g ->
                db.query(
                        "SELECT id FROM regions WHERE help_village AND dispatched_by = 'province' ORDER BY id LIMIT 6")
                    .execute()
                    .compose(
                        rows ->
                            projects(
                                db,
                                g,
                                "省派帮扶村资金",
                                ids(rows),
                                null,
                                "infrastructure",
                                "帮扶项目",
                                200_000)))
        .compose(
            v ->
                programme(
                    db,
                    "县派帮扶村资金",
                    "county",
                    "350524",
                    "infrastructure",
                    40L * 200_000,
                    "help_villages",
                    List.of(),
                    "county",
                    List.of(),
                    "县派帮扶村每村 20 万元"))
        .mapEmpty();
  }

  private Future<Void> housing(SqlConnection db) {
    String name = "贫困户住房改善提升资金";
    return programme(
            db,
            name,
            "city",
            null,
            "housing",
            30_000_000,
            "households",
            HOUSING_COUNTIES,
            null,
            List.of("in_poverty", "returned", "new", "marginal"),
            "市级财政统筹不少于 3000 万元，为南安、安溪、永春、德化、惠安、洛江、泉港 1300 多户贫困户改善、提升住房条件")
        .compose(
            g ->
                db.preparedQuery(
                        """
                SELECT id, village_id FROM (
                  SELECT id, village_id, row_number() OVER (PARTITION BY region_county(village_id) ORDER BY id) AS k
                    FROM households
                   WHERE region_county(village_id) = ANY($1) AND status IN ('in_poverty', 'returned', 'new', 'marginal')) h
                 WHERE k <= 9 ORDER BY id""")
                    .execute(Tuple.of(HOUSING_COUNTIES.toArray(String[]::new)))
                    .compose(
                        rows -> {
                          List<String> villages = new ArrayList<>();
                          List<Long> households = new ArrayList<>();
                          rows.forEach(
                              row -> {
                                villages.add(row.getString("village_id"));
                                households.add(row.getLong("id"));
                              });
                          return projects(
                              db, g, name, villages, households, "housing", "贫困户住房改善", 23_000);
                        }));
  }

  private Future<Void> collective(SqlConnection db) {
    String name = "贫困村村集体经济发展资金";
    return programme(
            db,
            name,
            "city",
            null,
            "collective",
            25_000_000,
            "poor_villages",
            List.of(),
            null,
            List.of(),
            "扶持 200 个左右村集体经济发展创收项目，今年消除经营性收入 1 万元以下的空壳村，明年消除 3 万元以下的薄弱村")
        .compose(
            g ->
                db.query("SELECT id FROM regions WHERE poor_village ORDER BY id")
                    .execute()
                    .compose(
                        rows ->
                            projects(
                                db, g, name, ids(rows), null, "collective", "村集体经济发展项目", 125_000)));
  }

  private Future<Void> infrastructure(SqlConnection db) {
    String name = "重点乡镇重点村基础设施和公共服务资金";
    return programme(
            db,
            name,
            "city",
            null,
            "infrastructure",
            20_000_000,
            "key_villages",
            List.of(),
            null,
            List.of(),
            "市级扶贫开发工作重点乡镇、重点村道路提级、农田水利、电网改造、安全饮水、环境卫生和教育医疗文体公共服务")
        .compose(
            g ->
                db.query(
                        """
                SELECT v.id FROM regions v JOIN regions t ON t.id = v.parent_id
                 WHERE v.level = 'village' AND (v.key_village OR t.key_township) ORDER BY v.id LIMIT 40""")
                    .execute()
                    .compose(
                        rows ->
                            projects(
                                db,
                                g,
                                name,
                                ids(rows),
                                null,
                                "infrastructure",
                                "基础设施项目",
                                400_000)));
  }

  private Future<Void> mountainSea(SqlConnection db) {
    long[] budgets = {
      12_000_000, 10_000_000, 8_000_000, 9_000_000, 15_000_000, 11_000_000, 8_500_000
    };
    return db.query(
            """
            SELECT rp.from_id, f.name AS from_name, rp.to_id, t.name AS to_name FROM region_pairings rp
              JOIN regions f ON f.id = rp.from_id JOIN regions t ON t.id = rp.to_id
             WHERE rp.kind = 'mountain_sea' ORDER BY rp.from_id""")
        .execute()
        .compose(
            rows -> {
              Future<Void> f = Future.succeededFuture();
              int i = 0;
              for (Row row : rows) {
                long budget = budgets[i % budgets.length];
                int state = new int[] {2, 3, 2, 2, 2, 3, 2}[i % 7];
                String name = row.getString("from_name") + "对口帮扶" + row.getString("to_name") + "资金";
                String to = row.getString("to_id");
                String projectName = row.getString("to_name") + "山海协作共建产业园区";
                int age = state == 3 ? 150 : state == 2 ? 60 : 4;
                f =
                    f.compose(
                        v ->
                            programme(
                                    db,
                                    name,
                                    "paired_county",
                                    row.getString("from_id"),
                                    "industry",
                                    budget,
                                    "any",
                                    List.of(to),
                                    null,
                                    List.of(),
                                    "山海协作对口帮扶资金，按省上要求及时拨付到位")
                                .compose(
                                    g ->
                                        project(
                                            db,
                                            g,
                                            projectName,
                                            to,
                                            null,
                                            "industry",
                                            budget * 6 / 10,
                                            state,
                                            age,
                                            name)));
                i++;
              }
              return f;
            });
  }

  // ---------------------------------------------------------------- notices, objections, alerts

  static final String INSERT_NOTICE =
      """
      INSERT INTO notices (kind, subject_type, subject_id, region_id, county_id, title, amount, source, purpose, place,
                           implementer, beneficiaries, published_at, window_ends_at, status, closed_at)
      VALUES ($1, 'project', $2, $3, (SELECT id FROM regions WHERE id = region_county($3)), $4, $5, $6, $7, $8, $9, $10,
              $11, $12, $13, $14)""";

  private Tuple notice(
      String kind,
      long project,
      String region,
      String title,
      long amount,
      String source,
      String purpose,
      String place,
      String implementer,
      String beneficiaries,
      Instant published) {
    Instant ends = published.plus(Duration.ofDays(10));
    boolean closed = ends.isBefore(now);
    return Tuple.from(
        new Object[] {
          kind,
          Long.toString(project),
          region,
          title,
          amount,
          source,
          purpose,
          place,
          implementer,
          beneficiaries,
          utc(published),
          utc(ends),
          closed ? "closed" : "open",
          closed ? utc(ends) : null
        });
  }

  private Future<Void> allocationNotices(SqlConnection db) {
    return db.preparedQuery(
            """
        INSERT INTO notices (kind, subject_type, subject_id, region_id, county_id, title, amount, source, purpose, place,
                             implementer, beneficiaries, published_at, window_ends_at, status, closed_at)
        SELECT 'allocation_verified', 'allocation', a.id::text, n.village_id,
               (SELECT id FROM regions WHERE id = region_county(n.village_id)),
               d.name || ' 帮扶' || v.name || '到位公示', CASE WHEN a.unit = 'CNY' THEN a.quantity END,
               '社会帮扶' || coalesce(' · ' || cp.name, ''), n.title, concat_ws('', c.name, t.name, v.name), d.name,
               v.name || CASE WHEN n.household_id IS NULL THEN '村集体及村民' ELSE '建档立卡贫困户 1 户' END,
               coalesce(a.verified_at, $1), coalesce(a.verified_at, $1) + interval '10 days',
               CASE WHEN coalesce(a.verified_at, $1) + interval '10 days' < $1 THEN 'closed' ELSE 'open' END,
               CASE WHEN coalesce(a.verified_at, $1) + interval '10 days' < $1
                    THEN coalesce(a.verified_at, $1) + interval '10 days' END
          FROM allocations a JOIN needs n ON n.id = a.need_id JOIN regions v ON v.id = n.village_id
          LEFT JOIN regions t ON t.id = v.parent_id LEFT JOIN regions c ON c.id = region_county(n.village_id)
          JOIN pledges p ON p.id = a.pledge_id JOIN donors d ON d.id = p.donor_id
          LEFT JOIN campaigns cp ON cp.id = p.campaign_id
         WHERE a.status = 'verified'""")
        .execute(Tuple.of(utc(now)))
        .mapEmpty();
  }

  /** Objections on three notices still open: two wait for the reviewer (held), one is answered. */
  private Future<Void> objections(SqlConnection db) {
    return PersonalDataCipher.resolve(db)
        .compose(
            cipher ->
                db.preparedQuery(
                        """
            SELECT id FROM notices WHERE status = 'open' AND kind = 'project_approved' AND window_ends_at > $1
             ORDER BY published_at, id LIMIT 3""")
                    .execute(Tuple.of(utc(now)))
                    .compose(
                        rows -> {
                          Future<Void> f = Future.succeededFuture();
                          int i = 0;
                          for (Row row : rows) {
                            long notice = row.getLong(0);
                            boolean answered = i == 2;
                            String text = OBJECTIONS[i];
                            String contact = i == 1 ? null : "1385" + (9000000 + r.nextInt(999999));
                            Instant filed = now.minus(Duration.ofHours(6 + 20L * i));
                            f =
                                f.compose(
                                    v ->
                                        db.preparedQuery(
                                                """
                    INSERT INTO notice_objections (notice_id, text, contact_enc, address_digest, filed_at, due_at, status,
                                                   answer, answered_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""")
                                            .execute(
                                                Tuple.from(
                                                    new Object[] {
                                                      notice,
                                                      text,
                                                      contact == null
                                                          ? null
                                                          : Buffer.buffer(
                                                              cipher.encrypt(
                                                                  "objection.contact", contact)),
                                                      Buffer.buffer(
                                                          cipher.digest(
                                                              "objection.address",
                                                              "demo-" + notice)),
                                                      utc(filed),
                                                      utc(filed.plus(Duration.ofDays(7))),
                                                      answered ? "answered" : "open",
                                                      answered
                                                          ? "经乡镇扶贫站现场核实，施工材料符合设计要求，已请监理单位出具检测报告并张贴于村务公开栏。"
                                                          : null,
                                                      answered
                                                          ? utc(filed.plus(Duration.ofHours(5)))
                                                          : null
                                                    }))
                                            .compose(
                                                x ->
                                                    answered
                                                        ? Future.succeededFuture()
                                                        : db.preparedQuery(
                                                                "UPDATE notices SET status = 'held' WHERE id = $1")
                                                            .execute(Tuple.of(notice)))
                                            .mapEmpty());
                            i++;
                          }
                          return f;
                        }));
  }

  /** The supervision rules as the hourly job runs them; the auditors have handled a few. */
  private Future<Void> alerts(SqlConnection db, DemoContext demo) {
    SupervisionRepository repo = new SupervisionRepository();
    Future<Integer> f = Future.succeededFuture(0);
    for (SupervisionRepository.Rule rule : SupervisionService.rules(FundsConfig.defaults(), now)) {
      f = f.compose(n -> repo.raise(db, rule).map(m -> n + m));
    }
    Long auditor = demo.<Long>get("user.shenji");
    return f.compose(
            n ->
                db.preparedQuery(
                        """
            UPDATE alerts SET status = CASE WHEN id % 2 = 0 THEN 'closed' ELSE 'explained' END,
                   note = CASE WHEN id % 2 = 0 THEN '已约谈乡镇扶贫站，督促补报进度并整改到位'
                               ELSE '因雨季停工，县扶贫办已出具延期说明' END,
                   handled_by = $2, handled_at = $1
             WHERE id IN (SELECT id FROM alerts WHERE rule IN ('project_without_progress', 'project_overdue')
                           ORDER BY id LIMIT 3)""")
                    .execute(Tuple.of(utc(now), auditor)))
        .mapEmpty();
  }

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
