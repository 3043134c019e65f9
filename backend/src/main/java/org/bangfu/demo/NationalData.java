package org.bangfu.demo;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bangfu.db.DatabaseUrl;
import org.bangfu.households.IdNumbers;
import org.bangfu.privacy.PersonalDataCipher;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The national data set (全国规模): the demo data, then a country-sized world on top of it — about 832
 * poor counties (贫困县) in the 22 provinces that had them, 128,000 poor villages (贫困村), 2,000,000
 * registered households (建档立卡户) with their personal fields encrypted, 100,000 donors with accounts,
 * 1,000,000 needs, 100,000 pledges and 1,000,000 allocations in every state with their history, and
 * the audit trail of it all, spread over the three years before the load. Every figure is
 * multiplied by a factor (tests use a tiny one).
 *
 * <p>Written with COPY over one JDBC connection in one transaction (all or nothing), off the event
 * loop. The rows are consistent with the API's rules: counters equal the sums of the active
 * allocations (the CHECKs hold), a need's status follows its allocations as {@code
 * Ledger.REFRESH_NEED} sets it, and the audit rows continue the demo's hash chain ({@link
 * AuditChain}, the Java twin of {@code audit_log_row_hash}).
 *
 * <p>Invented: every name below the province (counties, villages, people, donors), the county codes
 * and the amounts. Real: the provinces and, roughly, how many poor counties each had.
 */
public final class NationalData {

  private static final Logger LOG = LoggerFactory.getLogger(NationalData.class);

  public static final int COUNTIES = 832;
  public static final int VILLAGES = 128_000;
  public static final int HOUSEHOLDS = 2_000_000;
  public static final int DONORS = 100_000;
  public static final int NEEDS = 1_000_000;
  public static final int PLEDGES = 100_000;
  public static final int ALLOCATIONS = 1_000_000;
  private static final long SEED = 20201123L; // the day the last poor counties left the list
  private static final long DAY = 86_400L;

  record Province(String code, String name, int poorCounties) {}

  /** The 22 provinces with national poor counties, and about how many each had (832 in all). */
  static final List<Province> PROVINCES =
      List.of(
          new Province("13", "河北省", 45), new Province("14", "山西省", 36),
          new Province("15", "内蒙古自治区", 31), new Province("22", "吉林省", 8),
          new Province("23", "黑龙江省", 20), new Province("34", "安徽省", 20),
          new Province("36", "江西省", 24), new Province("41", "河南省", 38),
          new Province("42", "湖北省", 28), new Province("43", "湖南省", 40),
          new Province("45", "广西壮族自治区", 33), new Province("46", "海南省", 5),
          new Province("50", "重庆市", 14), new Province("51", "四川省", 66),
          new Province("52", "贵州省", 66), new Province("53", "云南省", 88),
          new Province("54", "西藏自治区", 74), new Province("61", "陕西省", 56),
          new Province("62", "甘肃省", 58), new Province("63", "青海省", 42),
          new Province("64", "宁夏回族自治区", 8), new Province("65", "新疆维吾尔自治区", 32));

  static final String[] UNITS = {
    "CNY", "job", "training-place", "item:school-uniform", "item:fertilizer", "item:laptop"
  };
  private static final int[] UNIT_WEIGHTS = {70, 10, 8, 4, 4, 4};
  static final String[] CATEGORIES = org.bangfu.needs.Category.ALL.toArray(String[]::new);
  private static final String[][] TITLES = {
    {"茶园提质改造", "食用菌种植大棚", "特色养殖合作社", "中药材种植基地"},
    {"劳动力转移就业岗位", "扶贫车间就业岗位"},
    {"易地扶贫搬迁安置配套", "搬迁户后续产业"},
    {"危房改造", "农房抗震加固"},
    {"贫困学生助学", "校服捐赠", "村小学电脑教室"},
    {"大病救助", "村卫生室设备"},
    {"生态护林员补助", "水土保持工程"},
    {"实用技术培训", "电工焊工培训", "家政服务培训"},
    {"小额信贷贴息"},
    {"农村电商服务站", "农产品直播带货"},
    {"乡村旅游民宿改造", "观光步道"},
    {"村集体经济项目", "光伏扶贫电站"},
    {"村道硬化", "安全饮水工程", "路灯亮化", "产业路修建"},
    {"村级综合服务中心", "老人活动中心"}
  };
  private static final String[] COUNTRIES = {"菲律宾", "新加坡", "马来西亚", "印度尼西亚", "泰国", "美国", "加拿大"};
  private static final String[] HOUSEHOLD_STATUSES = {
    "in_poverty", "in_poverty", "exited", "exited", "exited", "returned", "new", "marginal"
  };
  private static final String[] GAPS = {"food", "clothing", "education", "medical", "housing"};
  private static final String[] CADRES = {"县扶贫办", "镇党委", "县教育局", "县卫健局", "县农业农村局", "省直机关"};
  private static final String[] CAMPAIGN_BY_TYPE = {"bqbbc", "bhfbc", "bqzbc", "shxz"};
  static final String[] DONOR_TYPES = {"enterprise", "chamber", "overseas", "individual"};

  // allocation statuses (index into STATUS)
  static final String[] STATUS = {
    "proposed", "confirmed", "declined", "delivered", "received", "verified", "expired"
  };
  private static final int PROPOSED = 0;
  private static final int CONFIRMED = 1;
  private static final int DECLINED = 2;
  private static final int DELIVERED = 3;
  private static final int RECEIVED = 4;
  private static final int VERIFIED = 5;
  private static final int EXPIRED = 6;

  /** How the allocations' final states are shared out (per mille). */
  private static final int[] STATUS_WEIGHTS = {50, 150, 50, 120, 100, 500, 30};

  // need kinds that never reached the market (no allocations)
  private static final String[] UNLISTED = {
    "draft", "submitted", "rejected", "withdrawn", "expired"
  };
  private static final int[] UNLISTED_WEIGHTS = {30, 30, 15, 10, 15}; // per mille of all needs

  /** What was loaded: rows per table and how long it took. */
  public record Summary(double factor, Map<String, Long> rows, long millis) {
    public String describe() {
      StringBuilder sb =
          new StringBuilder(
              String.format(
                  "National data set (factor %s) loaded in %.1f s:%n", factor, millis / 1000.0));
      rows.forEach((t, n) -> sb.append(String.format("  %-22s %,12d%n", t, n)));
      return sb.toString();
    }
  }

  private NationalData() {}

  /**
   * {@code demo-data --scale national [--factor F]} on the command line; {@code null} without
   * {@code --scale}.
   */
  public record Command(double factor) {
    public static Command parse(List<String> args) {
      int i = args.indexOf("--scale");
      if (i < 0) {
        return null;
      }
      if (i + 1 >= args.size() || !args.get(i + 1).equals("national")) {
        throw new org.bangfu.config.ConfigException("--scale", "takes 'national'");
      }
      int f = args.indexOf("--factor");
      double factor = 1;
      if (f >= 0) {
        try {
          factor = Double.parseDouble(f + 1 < args.size() ? args.get(f + 1) : "");
        } catch (NumberFormatException e) {
          throw new org.bangfu.config.ConfigException("--factor", "takes a number, e.g. 0.01");
        }
        if (!(factor > 0) || factor > 10) {
          throw new org.bangfu.config.ConfigException("--factor", "must be above 0 and at most 10");
        }
      }
      return new Command(factor);
    }

    public Future<Summary> run(Vertx vertx, Pool pool, DatabaseUrl db) {
      return load(vertx, pool, db, factor, Clock.systemUTC());
    }
  }

  /**
   * Loads the demo data and, on top, the national world at {@code factor} (1 = national size) into
   * a database without regions. The heavy part runs on a thread of its own.
   */
  public static Future<Summary> load(
      Vertx vertx, Pool pool, DatabaseUrl db, double factor, Clock clock) {
    if (!(factor > 0) || factor > 10) {
      return Future.failedFuture(
          new IllegalArgumentException("the factor must be above 0 and at most 10"));
    }
    long t0 = System.nanoTime();
    return pool.query("SELECT count(*) FROM regions")
        .execute()
        .compose(
            rows ->
                rows.iterator().next().getLong(0) > 0
                    ? Future.failedFuture(
                        new IllegalStateException(
                            "the database already has data; the national data set needs an empty one (use --reset)"))
                    : DemoData.load(vertx, pool))
        .compose(accounts -> PersonalDataCipher.resolve(pool))
        .compose(
            cipher -> {
              Promise<Map<String, Long>> done = Promise.promise();
              Thread worker =
                  new Thread(
                      () -> {
                        try {
                          done.complete(new Loader(db, cipher, factor, clock).run());
                        } catch (Exception | Error e) {
                          done.fail(e);
                        }
                      },
                      "national-data");
              worker.start();
              return done.future();
            })
        .map(rows -> new Summary(factor, rows, (System.nanoTime() - t0) / 1_000_000));
  }

  static int scaled(int full, double factor) {
    return (int) Math.max(1, Math.round(full * factor));
  }

  static int pick(Random r, int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int x = r.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** The generator and writer; one use. */
  static final class Loader {
    private final DatabaseUrl db;
    private final PersonalDataCipher cipher;
    private final double factor;
    private final Random r = new Random(SEED);
    private final long end; // epoch second: the moment of the load (whole minutes)
    private final long start; // three years before
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private CopyManager copy;
    private long t0 = System.nanoTime();

    // ids already used by the demo
    private long donorBase;
    private long userBase;
    private long householdBase;
    private long needBase;
    private long pledgeBase;
    private long allocationBase;
    private long historyBase;
    private long roundBase;
    private long auditLast;
    private String auditLastHash;
    private final Map<String, Long> campaigns = new HashMap<>();
    private final List<String> coastCounties = new ArrayList<>();
    private String passwordHash;
    private long unitedFrontId;

    // regions
    private String[] countyCode;
    private int[] countyFirstVillage;
    private String[] villageCode;
    private String[] villageName;
    private int[] villageCounty;
    private String[] townshipOfVillage;

    // households: village v has the households [hhFirst[v], hhFirst[v+1])
    private int[] hhFirst;

    // donors
    private int[] donorType;
    private int[] donorCampaign; // index into CAMPAIGN_BY_TYPE, -1 none

    // needs
    private int[] needVillage;
    private int[] needHousehold;
    private byte[] needCategory;
    private byte[] needUnit;
    private long[] needQuantity;
    private long[] needAllocated;
    private byte[] needPriority;
    private int[] needCreated; // seconds after start
    private byte[] needKind; // -1 listed (on the market), else index into UNLISTED
    private byte[] needFlags; // 1: an allocation proposed/confirmed/delivered, 2: one received

    // pledges
    private int[] pledgeDonor;
    private byte[] pledgeUnit;
    private int[] pledgeCreated;
    private long[] pledgeAllocated;
    private int[] pledgeCategories; // bit mask of what it gave to
    private int[] pledgeCounty; // -2 nothing yet, -1 several counties
    private boolean[] pledgeHasProposed;

    // allocations
    private int allocationCount;
    private int[] allocNeed;
    private int[] allocPledge;
    private long[] allocQuantity;
    private byte[] allocStatus;
    private boolean[] allocFromRound;
    private int[] allocTimes; // 5 per allocation: seconds after start of each step, -1 none

    Loader(DatabaseUrl db, PersonalDataCipher cipher, double factor, Clock clock) {
      this.db = db;
      this.cipher = cipher;
      this.factor = factor;
      this.end = clock.instant().getEpochSecond() / 60 * 60;
      this.start = end - 3 * 365 * DAY;
    }

    Map<String, Long> run() throws SQLException, InterruptedException, ExecutionException {
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
        c.setAutoCommit(false);
        copy = c.unwrap(PGConnection.class).getCopyAPI();
        boolean superuser;
        try (Statement s = c.createStatement()) {
          ResultSet rs =
              s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
          superuser = rs.next() && rs.getBoolean(1);
          s.execute("SET LOCAL maintenance_work_mem = '512MB'");
          s.execute("SET LOCAL synchronous_commit = off");
          // the progress summaries' and the villages' delivery counts' triggers stand aside; they
          // are rebuilt once from the rows below
          s.execute("SET LOCAL bangfu.progress_paused = 'on'");
          if (superuser) {
            // no per-row foreign-key and trigger calls; CHECKs still hold every row
            s.execute("SET LOCAL session_replication_role = replica");
          } else {
            s.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_chain");
            s.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
          }
        }
        readDemo(c);
        List<String> indexes = dropIndexes(c);
        step("read the demo, dropped " + indexes.size() + " indexes");
        regions();
        donorsAndUsers();
        households();
        needsAndPledges();
        allocations();
        writeNeeds();
        writePledges();
        writeAllocations();
        audit();
        try (Statement s = c.createStatement()) {
          for (String def : indexes) {
            s.execute(def);
          }
          step("indexes rebuilt");
          for (String[] seq :
              new String[][] {
                {"donors", "id"},
                {"users", "id"},
                {"households", "id"},
                {"needs", "id"},
                {"pledges", "id"},
                {"allocations", "id"},
                {"allocation_history", "id"},
                {"match_rounds", "id"}
              }) {
            s.execute(
                "SELECT setval(pg_get_serial_sequence('"
                    + seq[0]
                    + "', '"
                    + seq[1]
                    + "'), (SELECT max(id) FROM "
                    + seq[0]
                    + "))");
          }
          s.execute("SELECT setval('audit_log_id_seq', (SELECT max(id) FROM audit_log))");
          s.execute(
              "ANALYZE donors, needs, pledges, allocations, campaign_pairings, campaign_enrolments");
          s.execute("SELECT progress_rebuild()");
          step("campaign progress summaries rebuilt");
          s.execute("SELECT village_deliveries_rebuild()");
          step("villages' delivery counts rebuilt");
          s.execute("SELECT deadline_backfill()");
          step("deadlines of what is under way opened");
          if (!superuser) {
            s.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_chain");
            s.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
          }
        }
        c.commit();
        step("committed");
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
          s.execute(
              "VACUUM (ANALYZE) regions, donors, users, households, needs, pledges, allocations, "
                  + "allocation_history, audit_log, campaign_pairings, campaign_enrolments, "
                  + "campaign_allocations, campaign_needs, campaign_pledges, progress_places, "
                  + "progress_origins, progress_flows, progress_months, progress_needs, "
                  + "progress_pledged, village_deliveries");
        }
        step("vacuumed and analysed");
      }
      return counts;
    }

    private void step(String what) {
      LOG.info("national data: {} ({} s)", what, (System.nanoTime() - t0) / 1_000_000_000.0);
    }

    private void readDemo(Connection c) throws SQLException {
      try (Statement s = c.createStatement()) {
        donorBase = max(s, "donors");
        userBase = max(s, "users");
        householdBase = max(s, "households");
        needBase = max(s, "needs");
        pledgeBase = max(s, "pledges");
        allocationBase = max(s, "allocations");
        historyBase = max(s, "allocation_history");
        roundBase = max(s, "match_rounds");
        ResultSet rs = s.executeQuery("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
        if (rs.next()) {
          auditLast = rs.getLong(1);
          auditLastHash = rs.getString(2);
        }
        rs = s.executeQuery("SELECT id, code FROM campaigns");
        while (rs.next()) {
          campaigns.put(rs.getString(2), rs.getLong(1));
        }
        rs = s.executeQuery("SELECT id FROM regions WHERE level = 'county' ORDER BY id");
        while (rs.next()) {
          coastCounties.add(rs.getString(1));
        }
        rs = s.executeQuery("SELECT password_hash FROM users WHERE username = 'admin'");
        passwordHash = rs.next() ? rs.getString(1) : null;
        rs = s.executeQuery("SELECT id FROM users WHERE username = 'tongzhan'");
        unitedFrontId = rs.next() ? rs.getLong(1) : 1;
      }
      if (passwordHash == null || campaigns.size() < CAMPAIGN_BY_TYPE.length) {
        throw new IllegalStateException("the demo data is not complete (accounts, campaigns)");
      }
    }

    private static long max(Statement s, String table) throws SQLException {
      ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM " + table);
      rs.next();
      return rs.getLong(1);
    }

    /**
     * Drops the plain indexes of the tables loaded here; answers their definitions to build them
     * again.
     */
    private static List<String> dropIndexes(Connection c) throws SQLException {
      List<String> defs = new ArrayList<>();
      List<String> names = new ArrayList<>();
      try (Statement s = c.createStatement()) {
        ResultSet rs =
            s.executeQuery(
                """
                        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                          FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
                          JOIN pg_namespace ns ON ns.oid = t.relnamespace AND ns.nspname = current_schema()
                         WHERE t.relname IN ('households', 'needs', 'pledges', 'allocations', 'allocation_history',
                                             'audit_log', 'campaign_pairings', 'users', 'donors', 'regions')
                           AND NOT i.indisunique AND NOT i.indisprimary""");
        while (rs.next()) {
          names.add(rs.getString(1));
          defs.add(rs.getString(2));
        }
        for (String n : names) {
          s.execute("DROP INDEX " + n);
        }
      }
      return defs;
    }

    private void count(String table, long n) {
      counts.merge(table, n, Long::sum);
    }

    // ---- regions

    private void regions() throws SQLException {
      int counties = 0;
      int[] perProvince = new int[PROVINCES.size()];
      for (int p = 0; p < perProvince.length; p++) {
        perProvince[p] = Math.max(1, (int) Math.round(PROVINCES.get(p).poorCounties() * factor));
        counties += perProvince[p];
      }
      int villages = Math.max(counties, scaled(VILLAGES, factor));
      countyCode = new String[counties];
      countyFirstVillage = new int[counties + 1];
      villageCode = new String[villages];
      villageName = new String[villages];
      villageCounty = new int[villages];
      townshipOfVillage = new String[villages];
      long rows = 0;
      try (CopyWriter w =
          new CopyWriter(
              copy,
              "regions",
              "id, parent_id, level, name, sort, key_township, poor_village, key_village, help_village, "
                  + "dispatched_by, collective_income")) {
        int county = 0;
        int village = 0;
        for (int p = 0; p < perProvince.length; p++) {
          Province prov = PROVINCES.get(p);
          region(w, prov.code(), null, "province", prov.name(), p);
          rows++;
          Set<String> cityNames = new HashSet<>();
          Set<String> countyNames = new HashSet<>();
          int cities = (perProvince[p] + 5) / 6;
          for (int k = 0; k < perProvince[p]; k++) {
            String city = prov.code() + String.format("%02d", 1 + k % cities);
            if (k < cities) {
              region(
                  w,
                  city,
                  prov.code(),
                  "city",
                  Names.place(r, k % 4 == 3 ? "州" : "市", cityNames),
                  k);
              rows++;
            }
            String code = city + String.format("%02d", 21 + k / cities);
            countyCode[county] = code;
            countyFirstVillage[county] = village;
            region(w, code, city, "county", Names.place(r, "县", countyNames), k);
            rows++;
            // villages of this county: an even share of the national total
            int share = villages / counties + (county < villages % counties ? 1 : 0);
            int townships = (share + 11) / 12;
            Set<String> townNames = new HashSet<>();
            Set<String> villageNames = new HashSet<>();
            for (int t = 0; t < townships; t++) {
              String town = code + "-T" + String.format("%02d", t + 1);
              region(
                  w, town, code, "township", Names.place(r, t % 3 == 0 ? "乡" : "镇", townNames), t);
              rows++;
              int inTown = share / townships + (t < share % townships ? 1 : 0);
              for (int v = 0; v < inTown; v++) {
                String id = town + "-V" + String.format("%02d", v + 1);
                String name = Names.place(r, "村", villageNames);
                villageCode[village] = id;
                villageName[village] = name;
                villageCounty[village] = county;
                townshipOfVillage[village] = town;
                int help = r.nextInt(10);
                w.text(id)
                    .text(town)
                    .text("village")
                    .text(name)
                    .num(v)
                    .bool(false)
                    .bool(true)
                    .bool(r.nextInt(5) == 0)
                    .bool(help < 2)
                    .text(help == 0 ? "province" : help == 1 ? "county" : null)
                    .num(r.nextInt(4) == 0 ? r.nextInt(10_000) : 5_000 + r.nextInt(60_000))
                    .end();
                rows++;
                village++;
              }
            }
            county++;
          }
        }
        countyFirstVillage[counties] = village;
      }
      count("regions", rows);
      count("villages", villageCode.length);
      count("counties", countyCode.length);
      step("regions");
    }

    private static void region(
        CopyWriter w, String id, String parent, String level, String name, int sort)
        throws SQLException {
      w.text(id)
          .text(parent)
          .text(level)
          .text(name)
          .num(sort)
          .bool(false)
          .bool(false)
          .bool(false)
          .bool(false)
          .nil()
          .nil()
          .end();
    }

    // ---- donors, enrolments, pairings, accounts

    private void donorsAndUsers() throws SQLException {
      int donors = scaled(DONORS, factor);
      donorType = new int[donors];
      donorCampaign = new int[donors];
      List<int[]> pairings = new ArrayList<>();
      try (CopyWriter w =
          new CopyWriter(
              copy,
              "donors",
              "id, name, type, home_county, hometown_county, hometown_township, hometown_village, country, "
                  + "verified, created_at, updated_at")) {
        for (int d = 0; d < donors; d++) {
          int type = pick(r, new int[] {60, 10, 15, 15});
          donorType[d] = type;
          long id = donorBase + 1 + d;
          long created = start + r.nextLong(365 * DAY);
          String name =
              switch (type) {
                case 0 ->
                    Names.place(r, "", new HashSet<>())
                        + (r.nextBoolean() ? "实业有限公司" : "集团有限公司")
                        + "（"
                        + id
                        + "）";
                case 1 -> Names.place(r, "", new HashSet<>()) + "商会（" + id + "）";
                case 2 ->
                    Names.person(r)
                        + "（"
                        + COUNTRIES[r.nextInt(COUNTRIES.length)]
                        + "侨亲，"
                        + id
                        + "）";
                default -> Names.person(r) + "（" + id + "）";
              };
          w.num(id)
              .text(name)
              .text(DONOR_TYPES[type])
              .text(
                  type <= 1 && r.nextInt(10) < 4
                      ? coastCounties.get(r.nextInt(coastCounties.size()))
                      : null);
          if (type == 2) {
            int v = r.nextInt(villageCode.length);
            w.text(countyCode[villageCounty[v]])
                .text(townshipOfVillage[v])
                .text(villageCode[v])
                .text(COUNTRIES[r.nextInt(COUNTRIES.length)]);
          } else {
            w.nil().nil().nil().nil();
          }
          w.bool(r.nextInt(5) > 0).time(created).time(created).end();
          donorCampaign[d] = r.nextInt(10) < 6 ? type : -1;
        }
      }
      count("donors", donors);
      long enrolments = 0;
      try (CopyWriter w =
          new CopyWriter(copy, "campaign_enrolments", "campaign_id, donor_id, enrolled_at")) {
        for (int d = 0; d < donors; d++) {
          if (donorCampaign[d] >= 0) {
            w.num(campaign(donorCampaign[d]))
                .num(donorBase + 1 + d)
                .time(start + r.nextLong(400 * DAY))
                .end();
            enrolments++;
            if (donorType[d] <= 1) {
              pairings.add(new int[] {d, r.nextInt(villageCode.length)});
            }
          }
        }
      }
      count("campaign_enrolments", enrolments);
      try (CopyWriter w =
          new CopyWriter(
              copy, "campaign_pairings", "campaign_id, donor_id, village_id, paired_at")) {
        for (int[] p : pairings) {
          w.num(campaign(donorCampaign[p[0]]))
              .num(donorBase + 1 + p[0])
              .text(villageCode[p[1]])
              .time(start + 400 * DAY + r.nextLong(30 * DAY))
              .end();
        }
      }
      count("campaign_pairings", pairings.size());
      // accounts: every donor, a reviewer (扶贫办) and a secretary (first village) for every county
      long users = 0;
      try (CopyWriter w =
          new CopyWriter(
              copy,
              "users",
              "id, username, display_name, role, village_id, region_id, donor_id, password_hash, created_at, updated_at")) {
        for (int d = 0; d < donors; d++) {
          w.num(donorUser(d))
              .text("donor-" + (donorBase + 1 + d))
              .text("捐赠方 " + (donorBase + 1 + d))
              .text("donor")
              .nil()
              .nil()
              .num(donorBase + 1 + d)
              .text(passwordHash)
              .time(start)
              .time(start)
              .end();
          users++;
        }
        for (int k = 0; k < countyCode.length; k++) {
          w.num(reviewerUser(k))
              .text("fpb-" + countyCode[k])
              .text(countyCode[k] + " 扶贫办")
              .text("reviewer")
              .nil()
              .text(countyCode[k])
              .nil()
              .text(passwordHash)
              .time(start)
              .time(start)
              .end();
          w.num(secretaryUser(k))
              .text("shuji-" + countyCode[k])
              .text(villageName[countyFirstVillage[k]] + "第一书记")
              .text("village_secretary")
              .text(villageCode[countyFirstVillage[k]])
              .nil()
              .nil()
              .text(passwordHash)
              .time(start)
              .time(start)
              .end();
          users += 2;
        }
      }
      count("users", users);
      step("donors, campaigns and accounts");
    }

    private long campaign(int kind) {
      return campaigns.get(CAMPAIGN_BY_TYPE[kind]);
    }

    private long donorUser(int d) {
      return userBase + 1 + d;
    }

    private long reviewerUser(int county) {
      return userBase + 1 + donorType.length + 2L * county;
    }

    private long secretaryUser(int county) {
      return reviewerUser(county) + 1;
    }

    // ---- households (personal fields encrypted on worker threads)

    private void households() throws SQLException, InterruptedException, ExecutionException {
      int households = Math.max(villageCode.length, scaled(HOUSEHOLDS, factor));
      int villages = villageCode.length;
      hhFirst = new int[villages + 1];
      for (int v = 0; v <= villages; v++) {
        hhFirst[v] = (int) (((long) v * households + villages - 1) / villages);
      }
      int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
      ExecutorService pool =
          Executors.newFixedThreadPool(
              threads,
              run -> {
                Thread t = new Thread(run, "national-households");
                t.setDaemon(true);
                return t;
              });
      try (CopyWriter w =
          new CopyWriter(
              copy,
              "households",
              "id, village_id, head_name, id_number_enc, id_number_digest, phone_enc, address_enc, status, members, "
                  + "labour_capacity, gaps, linked_cadre, created_at, updated_at")) {
        int chunk = 500; // villages per task
        ArrayDeque<java.util.concurrent.Future<StringBuilder>> window = new ArrayDeque<>();
        for (int v0 = 0; v0 < villages; v0 += chunk) {
          int from = v0;
          int to = Math.min(villages, v0 + chunk);
          Callable<StringBuilder> task = () -> householdRows(from, to);
          window.add(pool.submit(task));
          if (window.size() > 2 * threads) {
            StringBuilder sb = window.poll().get();
            w.rows(sb, 0);
          }
        }
        while (!window.isEmpty()) {
          w.rows(window.poll().get(), 0);
        }
      } finally {
        pool.shutdownNow();
      }
      count("households", households);
      step("households (" + households + ", encrypted on " + threads + " threads)");
    }

    /**
     * The COPY rows of the households of villages [from, to); its own seeded random, so threads do
     * not matter.
     */
    private StringBuilder householdRows(int from, int to) {
      Random hr = new Random(SEED * 31 + from);
      StringBuilder sb = new StringBuilder((hhFirst[to] - hhFirst[from]) * 400);
      LocalDate born0 = LocalDate.of(1935, 1, 1);
      for (int v = from; v < to; v++) {
        int county = villageCounty[v];
        String code = countyCode[county];
        int countyFirst = hhFirst[countyFirstVillage[county]];
        for (int h = hhFirst[v]; h < hhFirst[v + 1]; h++) {
          // unique within the county: (birth date, serial) from the household's rank in it
          int k = h - countyFirst;
          LocalDate born = born0.plusDays((k / 1000L * 7919L) % 21_900L);
          String idNumber =
              IdNumbers.withCheck(
                  code + born.toString().replace("-", "") + String.format("%03d", k % 1000));
          String phone =
              "1" + (3 + hr.nextInt(7)) + String.format("%09d", hr.nextInt(1_000_000_000));
          String address = villageName[v] + (1 + hr.nextInt(9)) + "组" + (1 + hr.nextInt(60)) + "号";
          int members = 1 + hr.nextInt(6);
          long created = start + (long) (hr.nextDouble() * (end - start - DAY));
          String ts = CopyWriter.TIMESTAMP.format(java.time.Instant.ofEpochSecond(created));
          sb.append(householdBase + 1 + h)
              .append('\t')
              .append(villageCode[v])
              .append('\t')
              .append(Names.person(hr))
              .append('\t');
          hex(sb, cipher.encrypt("household.idNumber", idNumber)).append('\t');
          hex(sb, cipher.digest("household.idNumber", idNumber)).append('\t');
          hex(sb, cipher.encrypt("household.phone", phone)).append('\t');
          hex(sb, cipher.encrypt("household.address", address)).append('\t');
          sb.append(HOUSEHOLD_STATUSES[hr.nextInt(HOUSEHOLD_STATUSES.length)])
              .append('\t')
              .append(members)
              .append('\t')
              .append(hr.nextInt(members + 1))
              .append("\t{");
          boolean first = true;
          for (String g : GAPS) {
            if (hr.nextInt(4) == 0) {
              sb.append(first ? "" : ",").append(g);
              first = false;
            }
          }
          sb.append("}\t")
              .append(CADRES[hr.nextInt(CADRES.length)])
              .append(Names.surname(hr))
              .append("同志\t")
              .append(ts)
              .append('\t')
              .append(ts)
              .append('\n');
        }
      }
      return sb;
    }

    private static StringBuilder hex(StringBuilder sb, byte[] b) {
      return sb.append("\\\\x").append(java.util.HexFormat.of().formatHex(b));
    }

    // ---- needs and pledges (in memory first: the allocations set their counters and states)

    private void needsAndPledges() {
      int needs = scaled(NEEDS, factor);
      needVillage = new int[needs];
      needHousehold = new int[needs];
      needCategory = new byte[needs];
      needUnit = new byte[needs];
      needQuantity = new long[needs];
      needAllocated = new long[needs];
      needPriority = new byte[needs];
      needCreated = new int[needs];
      needKind = new byte[needs];
      needFlags = new byte[needs];
      int span = (int) (end - start);
      int[] unlisted = new int[UNLISTED_WEIGHTS.length + 1];
      System.arraycopy(UNLISTED_WEIGHTS, 0, unlisted, 0, UNLISTED_WEIGHTS.length);
      unlisted[UNLISTED_WEIGHTS.length] = 1000 - Arrays.stream(UNLISTED_WEIGHTS).sum();
      for (int n = 0; n < needs; n++) {
        int v = r.nextInt(villageCode.length);
        needVillage[n] = v;
        int inVillage = hhFirst[v + 1] - hhFirst[v];
        needHousehold[n] =
            inVillage > 0 && r.nextInt(10) < 3 ? hhFirst[v] + r.nextInt(inVillage) : -1;
        int unit = pick(r, UNIT_WEIGHTS);
        needUnit[n] = (byte) unit;
        needCategory[n] = (byte) categoryFor(unit);
        needQuantity[n] = quantityFor(unit);
        needPriority[n] = (byte) (1 + r.nextInt(5));
        int kind = pick(r, unlisted);
        needKind[n] = (byte) (kind == UNLISTED.length ? -1 : kind);
        // drafts and submissions are recent; the rest anywhere in the three years
        needCreated[n] =
            kind <= 1 ? span - 1 - r.nextInt(30 * (int) DAY) : r.nextInt(span - 20 * (int) DAY);
      }
      int pledges = Math.max(UNITS.length, scaled(PLEDGES, factor));
      pledgeDonor = new int[pledges];
      pledgeUnit = new byte[pledges];
      pledgeCreated = new int[pledges];
      pledgeAllocated = new long[pledges];
      pledgeCategories = new int[pledges];
      pledgeCounty = new int[pledges];
      pledgeHasProposed = new boolean[pledges];
      for (int p = 0; p < pledges; p++) {
        pledgeDonor[p] = r.nextInt(donorType.length);
        pledgeUnit[p] = (byte) (p < UNITS.length ? p : pick(r, UNIT_WEIGHTS));
        pledgeCreated[p] = r.nextInt(span - 30 * (int) DAY);
        pledgeCounty[p] = -2;
      }
    }

    private int categoryFor(int unit) {
      return switch (UNITS[unit]) {
        case "job" -> 1;
        case "training-place" -> 7;
        case "item:school-uniform", "item:laptop" -> 4;
        case "item:fertilizer" -> 0;
        default -> {
          int c;
          do {
            c = r.nextInt(CATEGORIES.length);
          } while (c == 1 || c == 7);
          yield c;
        }
      };
    }

    private long quantityFor(int unit) {
      return switch (UNITS[unit]) {
        case "CNY" -> 1000L * (10 + r.nextInt(790));
        case "job" -> 1 + r.nextInt(30);
        case "training-place" -> 5 + r.nextInt(56);
        default -> 10 + r.nextInt(491);
      };
    }

    // ---- allocations

    private void allocations() {
      int wanted = scaled(ALLOCATIONS, factor);
      allocNeed = new int[wanted];
      allocPledge = new int[wanted];
      allocQuantity = new long[wanted];
      allocStatus = new byte[wanted];
      allocFromRound = new boolean[wanted];
      allocTimes = new int[wanted * 5];
      Arrays.fill(allocTimes, -1);
      int needs = needVillage.length;
      int[][] byUnit = new int[UNITS.length][];
      int[] fill = new int[UNITS.length];
      for (byte u : pledgeUnit) {
        fill[u]++;
      }
      for (int u = 0; u < UNITS.length; u++) {
        byUnit[u] = new int[fill[u]];
        fill[u] = 0;
      }
      for (int p = 0; p < pledgeUnit.length; p++) {
        byUnit[pledgeUnit[p]][fill[pledgeUnit[p]]++] = p;
      }
      int span = (int) (end - start);
      int a = 0;
      int misses = 0;
      while (a < wanted && misses < 1000) {
        int n = r.nextInt(needs);
        int status = pick(r, STATUS_WEIGHTS);
        boolean active = status != DECLINED && status != EXPIRED;
        long room = needQuantity[n] - needAllocated[n];
        if (needKind[n] >= 0 || (active && room == 0)) {
          misses++;
          continue;
        }
        misses = 0;
        int[] candidates = byUnit[needUnit[n]];
        int p = candidates[r.nextInt(candidates.length)];
        long q;
        if (!active) {
          q = 1 + r.nextLong(needQuantity[n]);
        } else if (r.nextBoolean()) {
          q = room;
        } else {
          q = 1 + r.nextLong(room);
          if (q >= 1000 && needUnit[n] == 0) {
            q = q / 100 * 100;
          }
        }
        boolean round =
            status == PROPOSED || status == DECLINED || status == EXPIRED || r.nextBoolean();
        // steps: round: proposed, then confirmed... or declined/expired; claim: confirmed...
        int steps =
            switch (status) {
              case PROPOSED -> 1;
              case DECLINED, EXPIRED -> 2;
              default ->
                  (round ? 1 : 0)
                      + (status == CONFIRMED
                          ? 1
                          : status == DELIVERED ? 2 : status == RECEIVED ? 3 : 4);
            };
        int published = needCreated[n] + 2 * (int) DAY;
        int t = Math.max(published, pledgeCreated[p]) + 3600;
        if (status == PROPOSED) {
          // an unanswered proposal is recent (they expire after two weeks)
          t = Math.max(t, span - 10 * (int) DAY + r.nextInt(9 * (int) DAY));
        } else {
          t += r.nextInt(Math.max(1, (span - t) / 3));
        }
        for (int s = 0; s < steps; s++) {
          allocTimes[a * 5 + s] = t;
          t += 60 + r.nextInt(Math.max(1, (span - t) / (steps - s + 1)));
        }
        allocNeed[a] = n;
        allocPledge[a] = p;
        allocQuantity[a] = q;
        allocStatus[a] = (byte) status;
        allocFromRound[a] = round;
        if (active) {
          needAllocated[n] += q;
          pledgeAllocated[p] += q;
          if (status == PROPOSED || status == CONFIRMED || status == DELIVERED) {
            needFlags[n] |= 1;
          } else if (status == RECEIVED) {
            needFlags[n] |= 2;
          }
          pledgeHasProposed[p] |= status == PROPOSED;
        }
        pledgeCategories[p] |= 1 << needCategory[n];
        int county = villageCounty[needVillage[n]];
        pledgeCounty[p] = pledgeCounty[p] == -2 || pledgeCounty[p] == county ? county : -1;
        a++;
      }
      allocationCount = a;
    }

    private String needStatus(int n) {
      if (needKind[n] >= 0) {
        return UNLISTED[needKind[n]];
      }
      long q = needQuantity[n];
      long x = needAllocated[n];
      if (x == q && needFlags[n] == 0) {
        return "verified";
      }
      if (x == q && (needFlags[n] & 1) == 0) {
        return "fulfilled";
      }
      if (x == q) {
        return "allocated";
      }
      return x > 0 ? "partly_allocated" : "published";
    }

    private void writeNeeds() throws SQLException {
      try (CopyWriter w =
          new CopyWriter(
              copy,
              "needs",
              "id, village_id, household_id, category, unit, quantity, allocated, priority, deadline, title, "
                  + "description, status, reject_reason, created_by, created_at, updated_at, published_at")) {
        LocalDate today = LocalDate.ofEpochDay(end / DAY);
        for (int n = 0; n < needVillage.length; n++) {
          int v = needVillage[n];
          String[] titles = TITLES[needCategory[n]];
          String status = needStatus(n);
          long created = start + needCreated[n];
          boolean listed = needKind[n] < 0;
          // deadlines lie ahead (a past one would expire the need at the next hourly run)
          String deadline = n % 3 == 0 ? null : today.plusDays(60 + (n * 7919L) % 700).toString();
          w.num(needBase + 1 + n)
              .text(villageCode[v])
              .raw(
                  needHousehold[n] < 0
                      ? "\\N"
                      : Long.toString(householdBase + 1 + needHousehold[n]))
              .text(CATEGORIES[needCategory[n]])
              .text(UNITS[needUnit[n]])
              .num(needQuantity[n])
              .num(needAllocated[n])
              .num(needPriority[n])
              .text(deadline)
              .text(villageName[v] + titles[n % titles.length])
              .text("")
              .text(status)
              .text(status.equals("rejected") ? "材料不全，请补充村委会证明" : null)
              .num(secretaryUser(villageCounty[v]))
              .time(created)
              .time(created)
              .time(listed ? created + 2 * DAY : -1)
              .end();
        }
      }
      count("needs", needVillage.length);
      step("needs");
    }

    private void writePledges() throws SQLException {
      try (CopyWriter w =
          new CopyWriter(
              copy,
              "pledges",
              "id, donor_id, campaign_id, unit, quantity, allocated, categories, scope, max_per_need, expires, mode, "
                  + "note, status, created_at, updated_at")) {
        for (int p = 0; p < pledgeUnit.length; p++) {
          long given = pledgeAllocated[p];
          int kind = r.nextInt(20);
          long quantity =
              given == 0
                  ? quantityFor(pledgeUnit[p]) * (1 + r.nextInt(10))
                  : kind < 6 ? given : given + given / (1 + r.nextInt(5)) + 1;
          String status = quantity == given ? "exhausted" : "open";
          if (!pledgeHasProposed[p] && status.equals("open") && kind == 19) {
            status = r.nextBoolean() ? "withdrawn" : "expired";
          }
          int d = pledgeDonor[p];
          int mask = pledgeCategories[p];
          List<String> cats = new ArrayList<>();
          if (Integer.bitCount(mask) <= 3 && mask != 0 && r.nextBoolean()) {
            for (int c = 0; c < CATEGORIES.length; c++) {
              if ((mask & (1 << c)) != 0) {
                cats.add(CATEGORIES[c]);
              }
            }
          }
          String[] scope =
              pledgeCounty[p] >= 0 && r.nextBoolean()
                  ? new String[] {countyCode[pledgeCounty[p]]}
                  : new String[0];
          long created = start + pledgeCreated[p];
          w.num(pledgeBase + 1 + p)
              .num(donorBase + 1 + d)
              .raw(donorCampaign[d] < 0 ? "\\N" : Long.toString(campaign(donorCampaign[d])))
              .text(UNITS[pledgeUnit[p]])
              .num(quantity)
              .num(given)
              .array(cats.toArray(String[]::new))
              .array(scope)
              .nil()
              .text(
                  status.equals("expired") ? LocalDate.ofEpochDay(end / DAY - 1).toString() : null)
              .text(r.nextInt(10) < 7 ? "pooled" : "earmarked")
              .text("")
              .text(status)
              .time(created)
              .time(created)
              .end();
        }
      }
      count("pledges", pledgeUnit.length);
      step("pledges");
    }

    private void writeAllocations() throws SQLException {
      int months = (int) ((end - start) / (30 * DAY)) + 1;
      try (CopyWriter w =
          new CopyWriter(
              copy,
              "match_rounds",
              "id, round_date, status, started_by, started_at, finished_at, objective, allocation_count, "
                  + "amount_proposed, needs_touched, pledges_touched")) {
        for (int m = 0; m < months; m++) {
          long at = start + m * 30 * DAY;
          w.num(roundBase + 1 + m)
              .text(LocalDate.ofEpochDay(at / DAY).toString())
              .text("done")
              .num(unitedFrontId)
              .time(at)
              .time(at + 600)
              .nil()
              .num(0)
              .text("{}")
              .num(0)
              .num(0)
              .end();
        }
      }
      count("match_rounds", months);
      long history = 0;
      try (CopyWriter w =
          new CopyWriter(
              copy,
              "allocations",
              "id, need_id, pledge_id, round_id, source, unit, quantity, reasons, status, created_at, updated_at, "
                  + "confirmed_at, delivered_at, received_at, verified_at")) {
        for (int a = 0; a < allocationCount; a++) {
          int[] times = steps(a);
          String[] statuses = stepStatuses(a);
          long created = start + times[0];
          long[] at = new long[STATUS.length];
          Arrays.fill(at, -1);
          for (int s = 0; s < statuses.length; s++) {
            at[Arrays.asList(STATUS).indexOf(statuses[s])] = start + times[s];
          }
          w.num(allocationBase + 1 + a)
              .num(needBase + 1 + allocNeed[a])
              .num(pledgeBase + 1 + allocPledge[a])
              .raw(allocFromRound[a] ? Long.toString(roundBase + 1 + times[0] / (30 * DAY)) : "\\N")
              .text(allocFromRound[a] ? "round" : "claim")
              .text(UNITS[needUnit[allocNeed[a]]])
              .num(allocQuantity[a])
              .array()
              .text(STATUS[allocStatus[a]])
              .time(created)
              .time(start + times[statuses.length - 1])
              .time(at[CONFIRMED])
              .time(at[DELIVERED])
              .time(at[RECEIVED])
              .time(at[VERIFIED])
              .end();
          history += statuses.length;
        }
      }
      count("allocations", allocationCount);
      try (CopyWriter w =
          new CopyWriter(
              copy, "allocation_history", "id, allocation_id, status, at, by_user, note")) {
        long id = historyBase;
        for (int a = 0; a < allocationCount; a++) {
          int[] times = steps(a);
          String[] statuses = stepStatuses(a);
          for (int s = 0; s < statuses.length; s++) {
            Long by = actorOf(a, statuses[s], s == 0);
            w.num(++id)
                .num(allocationBase + 1 + a)
                .text(statuses[s])
                .time(start + times[s])
                .raw(by == null ? "\\N" : by.toString())
                .nil()
                .end();
          }
        }
      }
      count("allocation_history", history);
      step("allocations and their history");
    }

    private int[] steps(int a) {
      int k = 0;
      while (k < 5 && allocTimes[a * 5 + k] >= 0) {
        k++;
      }
      return Arrays.copyOfRange(allocTimes, a * 5, a * 5 + k);
    }

    private String[] stepStatuses(int a) {
      int status = allocStatus[a];
      List<String> out = new ArrayList<>();
      if (allocFromRound[a]) {
        out.add("proposed");
      }
      if (status == DECLINED || status == EXPIRED) {
        out.add(STATUS[status]);
      } else if (status != PROPOSED) {
        for (int s : new int[] {CONFIRMED, DELIVERED, RECEIVED, VERIFIED}) {
          out.add(STATUS[s]);
          if (s == status) {
            break;
          }
        }
      }
      return out.toArray(String[]::new);
    }

    /**
     * Who took a step: the round's starter, the donor, the village's secretary, the county's
     * reviewer, or nobody (expiry).
     */
    private Long actorOf(int a, String status, boolean first) {
      int county = villageCounty[needVillage[allocNeed[a]]];
      if (first && allocFromRound[a]) {
        return unitedFrontId;
      }
      return switch (status) {
        case "received" -> secretaryUser(county);
        case "verified" -> reviewerUser(county);
        case "expired" -> null;
        default -> donorUser(pledgeDonor[allocPledge[a]]);
      };
    }

    // ---- the audit trail, in time order, chained

    private void audit() throws SQLException {
      int needs = needVillage.length;
      int pledges = pledgeUnit.length;
      long base = 5L * allocationCount;
      int total = needs + pledges;
      for (int a = 0; a < allocationCount; a++) {
        total += steps(a).length;
      }
      long[] events = new long[total];
      int e = 0;
      for (int a = 0; a < allocationCount; a++) {
        int[] times = steps(a);
        for (int s = 0; s < times.length; s++) {
          events[e++] = ((long) times[s] << 34) | (5L * a + s);
        }
      }
      for (int n = 0; n < needs; n++) {
        events[e++] = ((long) needCreated[n] << 34) | (base + n);
      }
      for (int p = 0; p < pledges; p++) {
        events[e++] = ((long) pledgeCreated[p] << 34) | (base + needs + p);
      }
      Arrays.parallelSort(events);
      AuditChain chain = new AuditChain(auditLastHash);
      long id = auditLast;
      try (CopyWriter w =
          new CopyWriter(
              copy,
              "audit_log",
              "id, at, actor_id, actor, role, entity, entity_id, action, before, after, prev_hash, hash")) {
        for (long ev : events) {
          long at = start + (ev >>> 34);
          long x = ev & ((1L << 34) - 1);
          Long actorId;
          String actor;
          String role;
          String entity;
          String entityId;
          String action;
          String before = null;
          String after;
          if (x < base) {
            int a = (int) (x / 5);
            int s = (int) (x % 5);
            String[] statuses = stepStatuses(a);
            String status = statuses[s];
            entity = "allocation";
            entityId = Long.toString(allocationBase + 1 + a);
            actorId = actorOf(a, status, s == 0);
            int county = villageCounty[needVillage[allocNeed[a]]];
            if (s == 0) {
              action = allocFromRound[a] ? "propose" : "claim";
              after =
                  AuditChain.json(
                      "needId",
                      needBase + 1 + allocNeed[a],
                      "pledgeId",
                      pledgeBase + 1 + allocPledge[a],
                      "quantity",
                      allocQuantity[a],
                      "status",
                      status);
            } else {
              action =
                  switch (status) {
                    case "confirmed" -> "confirm";
                    case "declined" -> "decline";
                    case "delivered" -> "deliver";
                    case "received" -> "receive";
                    case "verified" -> "verify";
                    default -> "expire";
                  };
              before = AuditChain.json("status", statuses[s - 1]);
              after = AuditChain.json("status", status, "attachments", 0);
            }
            if (actorId == null) {
              actor = "system";
              role = "system";
            } else if (actorId == unitedFrontId) {
              actor = "tongzhan";
              role = "united_front";
            } else if (status.equals("received")) {
              actor = "shuji-" + countyCode[county];
              role = "village_secretary";
            } else if (status.equals("verified")) {
              actor = "fpb-" + countyCode[county];
              role = "reviewer";
            } else {
              actor = "donor-" + (donorBase + 1 + pledgeDonor[allocPledge[a]]);
              role = "donor";
            }
          } else if (x < base + needs) {
            int n = (int) (x - base);
            int county = villageCounty[needVillage[n]];
            entity = "need";
            entityId = Long.toString(needBase + 1 + n);
            action = "create";
            actorId = secretaryUser(county);
            actor = "shuji-" + countyCode[county];
            role = "village_secretary";
            after =
                AuditChain.json(
                    "villageId",
                    villageCode[needVillage[n]],
                    "category",
                    CATEGORIES[needCategory[n]],
                    "unit",
                    UNITS[needUnit[n]],
                    "quantity",
                    needQuantity[n]);
          } else {
            int p = (int) (x - base - needs);
            entity = "pledge";
            entityId = Long.toString(pledgeBase + 1 + p);
            action = "create";
            actorId = donorUser(pledgeDonor[p]);
            actor = "donor-" + (donorBase + 1 + pledgeDonor[p]);
            role = "donor";
            after = AuditChain.json("unit", UNITS[pledgeUnit[p]]);
          }
          id++;
          String prev = chain.last();
          String hash =
              chain.next(id, at, actorId, actor, role, entity, entityId, action, before, after);
          w.num(id)
              .time(at)
              .raw(actorId == null ? "\\N" : actorId.toString())
              .text(actor)
              .text(role)
              .text(entity)
              .text(entityId)
              .text(action)
              .text(before)
              .text(after)
              .text(prev)
              .text(hash)
              .end();
        }
      }
      count("audit_log", total);
      step("audit trail");
    }
  }
}
