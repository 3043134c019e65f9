package org.bangfu.bench;

import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bangfu.households.IdNumbers;
import org.bangfu.privacy.PersonalDataCipher;
import org.postgresql.PGConnection;

/**
 * The department-warning benchmark of {@code scripts/bench-warnings} (not a test: surefire does not
 * run it). Generates N warning rows as departments' CSV files — people of the register (their real
 * ID numbers, read back with the deployment's key), people not in it, the same person again (in the
 * file or a case a file before opened), rows with a wrong field — uploads them one file after the
 * other through {@code POST /monitor/warning-files} as the administrator, times the whole of it
 * (checks, screening, matching, de-duplication, queueing), then checks the queue against a
 * reference query of its own over what it sent: the same people with the same number of leads, the
 * same matched to the register, every case in triage with its two deadlines, every refused row
 * reported.
 *
 * <pre>
 * java -cp … org.bangfu.bench.WarningBench --api http://127.0.0.1:18080 --jdbc jdbc:postgresql://… \
 *      --key BASE64 --rows 1000000 [--file-rows 50000] [--mix 40/45/10/5[,…]] \
 *      [--server-pid PID --postmaster-pid PID]
 * </pre>
 */
public final class WarningBench {
  private static final String[] STATUSES = {
    "exited", "monitored", "cleared", "in_poverty", "new", "returned", "marginal"
  };

  /** A valid row sent, as the reference query sees it. */
  record Sent(int file, byte[] digest, long amount, String department) {}

  /**
   * The shares (per cent) of a round's rows: people of the register, people not in it, a person
   * named before (in the round or an earlier one), rows with a wrong field.
   */
  record Mix(double registered, double outsiders, double repeats, double wrong) {
    static Mix parse(String text) {
      String[] p = text.split("/");
      if (p.length != 4) {
        throw new IllegalArgumentException("a mix is registered/outsiders/repeats/wrong: " + text);
      }
      Mix m =
          new Mix(
              Double.parseDouble(p[0]),
              Double.parseDouble(p[1]),
              Double.parseDouble(p[2]),
              Double.parseDouble(p[3]));
      if (Math.abs(m.registered + m.outsiders + m.repeats + m.wrong - 100) > 1e-9) {
        throw new IllegalArgumentException("a mix's shares add up to 100: " + text);
      }
      return m;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT, "%.0f/%.0f/%.0f/%.0f", registered, outsiders, repeats, wrong);
    }
  }

  private final Random random = new Random(20210101L);
  private final List<Sent> sent = new ArrayList<>();
  private final List<String> persons = new ArrayList<>();
  private long invalid;
  private int outsiders;

  /**
   * The server's process and the database's postmaster, whose CPU time a round reports (0: not).
   */
  private long serverPid;

  private long postmasterPid;

  /** Files sent at a time. */
  private int parallel = 1;

  public static void main(String[] args) throws Exception {
    String api = arg(args, "--api", null);
    String jdbc = arg(args, "--jdbc", null);
    String key = arg(args, "--key", null);
    int rows = Integer.parseInt(arg(args, "--rows", "1000000"));
    int fileRows = Integer.parseInt(arg(args, "--file-rows", "50000"));
    List<Mix> mixes = new ArrayList<>();
    for (String m : arg(args, "--mix", "40/45/10/5").split(",")) {
      mixes.add(Mix.parse(m.trim()));
    }
    WarningBench bench = new WarningBench();
    bench.serverPid = Long.parseLong(arg(args, "--server-pid", "0"));
    bench.postmasterPid = Long.parseLong(arg(args, "--postmaster-pid", "0"));
    bench.parallel = Integer.parseInt(arg(args, "--parallel", "1"));
    bench.run(api, jdbc, key, rows, fileRows, mixes);
  }

  private static String arg(String[] args, String name, String dflt) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    if (dflt == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return dflt;
  }

  void run(String api, String jdbc, String key, int rows, int fileRows, List<Mix> mixes)
      throws Exception {
    PersonalDataCipher cipher = new PersonalDataCipher(Base64.getDecoder().decode(key.trim()));
    try (Connection db = DriverManager.getConnection(jdbc)) {
      List<String> registered = registered(db, cipher, Math.min(200_000, Math.max(1000, rows / 2)));
      // counties whose code can begin an ID number (not 泉州台商投资区's 3505TS)
      List<String> counties =
          column(
              db,
              "SELECT id FROM regions WHERE level = 'county' AND id ~ '^[0-9]{6}$' ORDER BY id");
      try (Statement st = db.createStatement()) {
        st.execute(
            "CREATE TEMP TABLE bench_sent (file int, digest bytea, amount bigint, department text)");
      }
      String token = token(api);
      List<String> summary = new ArrayList<>();
      boolean ok = true;
      for (Mix mix : mixes) {
        ok &= round(db, api, token, cipher, registered, counties, mix, rows, fileRows, summary);
      }
      System.out.println(
          "mix (registered/outsiders/repeats/wrong) | rows | seconds | rows/s | check");
      summary.forEach(System.out::println);
      System.exit(ok ? 0 : 1);
    }
  }

  /** One mix: its files generated, uploaded one after the other and timed, then checked. */
  private boolean round(
      Connection db,
      String api,
      String token,
      PersonalDataCipher cipher,
      List<String> registered,
      List<String> counties,
      Mix mix,
      int rows,
      int fileRows,
      List<String> summary)
      throws Exception {
    long t0 = System.nanoTime();
    sent.clear();
    invalid = 0;
    long before = scalar(db, "SELECT coalesce(max(id), 0) FROM monitor_warning_batches");
    long casesBefore = scalar(db, "SELECT coalesce(max(id), 0) FROM monitor_cases");
    List<byte[]> files = new ArrayList<>();
    for (int from = 0, f = 0; from < rows; from += fileRows, f++) {
      files.add(file(f, Math.min(fileRows, rows - from), registered, counties, cipher, mix));
    }
    System.out.printf(
        Locale.ROOT,
        "warnings, mix %s: %,d rows in %d files (%,d invalid), generated in %.1f s%n",
        mix,
        rows,
        files.size(),
        invalid,
        (System.nanoTime() - t0) / 1e9);
    reference(db);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    long start = System.nanoTime();
    double[] cpu0 = cpu();
    long[] totals = new long[6];
    uploadAll(http, api, token, files, counties.get(0), totals);
    double seconds = (System.nanoTime() - start) / 1e9;
    double[] cpu1 = cpu();
    if (serverPid > 0) {
      System.out.printf(
          Locale.ROOT,
          "CPU while the files were received: server %.1f s, PostgreSQL %.1f s (wall %.1f s)%n",
          cpu1[0] - cpu0[0],
          cpu1[1] - cpu0[1],
          seconds);
    }
    System.out.printf(
        Locale.ROOT,
        "total: %,d rows screened, matched and queued in %.1f s (%,.0f rows/s): %,d refused, %,d below"
            + " the lines, %,d matched to the register, %,d new cases, %,d cases joined%n",
        totals[0],
        seconds,
        totals[0] / seconds,
        totals[1],
        totals[2],
        totals[3],
        totals[4],
        totals[5]);
    boolean ok = check(db, before, casesBefore, totals);
    summary.add(
        String.format(
            Locale.ROOT,
            "%s | %,d | %.1f | %,.0f | %s",
            mix,
            totals[0],
            seconds,
            totals[0] / seconds,
            ok ? "EQUAL" : "DIFFERENT"));
    return ok;
  }

  /** Real ID numbers of the register, read back with the key (a sample spread over it). */
  private static List<String> registered(Connection db, PersonalDataCipher cipher, int n)
      throws Exception {
    long total = scalar(db, "SELECT count(*) FROM households");
    long step = Math.max(1, total / n);
    List<String> out = new ArrayList<>(n);
    try (PreparedStatement ps =
        db.prepareStatement("SELECT id_number_enc FROM households WHERE id % ? = 0 LIMIT ?")) {
      ps.setLong(1, step);
      ps.setInt(2, n);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(cipher.decrypt("household.idNumber", rs.getBytes(1)));
        }
      }
    }
    return out;
  }

  /**
   * One department's file of the mix's shares: wrong rows, a person named before, the register's,
   * people not in it (born before 1935, so no household's number is theirs). Even files are 医保's
   * (costs screened by the lines), odd ones 民政's (every row kept).
   */
  private byte[] file(
      int f,
      int rows,
      List<String> registered,
      List<String> counties,
      PersonalDataCipher cipher,
      Mix mix) {
    String department = f % 2 == 0 ? "medical" : "civil_affairs";
    var digester = cipher.digester("household.idNumber");
    StringBuilder b = new StringBuilder(rows * 60).append("身份证号,姓名,金额,说明\n");
    for (int i = 0; i < rows; i++) {
      double r = random.nextDouble() * 100;
      long amount = 1_000 + random.nextInt(59_000);
      if (r < mix.wrong()) {
        invalid++;
        b.append(wrong(registered.get(random.nextInt(registered.size())), amount)).append('\n');
        continue;
      }
      r -= mix.wrong();
      String id =
          r < mix.repeats() && !persons.isEmpty()
              ? persons.get(random.nextInt(persons.size()))
              : r < mix.repeats() + mix.registered()
                  ? registered.get(random.nextInt(registered.size()))
                  : outsider(counties);
      persons.add(id);
      sent.add(new Sent(f, digester.digest(id), amount, department));
      b.append(id).append(",测试").append(i % 100).append(',').append(amount).append(",住院\n");
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private String outsider(List<String> counties) {
    int k = outsiders++;
    LocalDate born = LocalDate.of(1900, 1, 1).plusDays(k / 1000);
    String county = counties.get(k % counties.size());
    return IdNumbers.withCheck(
        county + born.toString().replace("-", "") + String.format("%03d", k % 1000));
  }

  private String wrong(String id, long amount) {
    return switch (random.nextInt(3)) {
      case 0 -> id.substring(0, 17) + (id.charAt(17) == '0' ? '1' : '0') + ",测试," + amount + ",";
      case 1 -> id + ",," + amount + ",";
      default -> id + ",测试,约三千元,";
    };
  }

  /** What was sent, in a table of the benchmark's session, for the reference query. */
  private void reference(Connection db) throws Exception {
    try (Statement st = db.createStatement()) {
      st.execute("TRUNCATE bench_sent");
    }
    StringBuilder b = new StringBuilder(sent.size() * 90);
    HexFormat hex = HexFormat.of();
    for (Sent s : sent) {
      b.append(s.file())
          .append("\t\\\\x")
          .append(hex.formatHex(s.digest()))
          .append('\t')
          .append(s.amount())
          .append('\t')
          .append(s.department())
          .append('\n');
    }
    db.unwrap(PGConnection.class)
        .getCopyAPI()
        .copyIn("COPY bench_sent FROM STDIN", new StringReader(b.toString()));
  }

  private static String token(String api) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(api + "/api/v1/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"admin\",\"password\":\"bangfu2018\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new JsonObject(r.body()).getString("token");
  }

  /**
   * The files posted by {@link #parallel} senders at a time (one by default: one after the other),
   * as several departments or counties sending at once would.
   */
  private void uploadAll(
      HttpClient http, String api, String token, List<byte[]> files, String county, long[] totals)
      throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<?>> sending = new ArrayList<>();
      for (int f = 0; f < files.size(); f++) {
        int file = f;
        sending.add(
            senders.submit(
                () -> {
                  upload(http, api, token, file, files.get(file), county, totals);
                  return null;
                }));
      }
      for (Future<?> s : sending) {
        s.get();
      }
    } finally {
      senders.shutdownNow();
    }
  }

  private static void upload(
      HttpClient http, String api, String token, int f, byte[] data, String county, long[] totals)
      throws Exception {
    String department = f % 2 == 0 ? "medical" : "civil_affairs";
    long t = System.nanoTime();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        api
                            + "/api/v1/monitor/warning-files?department="
                            + department
                            + "&countyId="
                            + county
                            + "&fileName=bench-"
                            + f
                            + ".csv"))
                .timeout(Duration.ofMinutes(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(data))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("file " + f + ": " + r.statusCode() + " " + r.body());
    }
    JsonObject b = new JsonObject(r.body());
    String[] keys = {
      "rowsTotal", "rowsRejected", "rowsBelow", "matched", "newCases", "joinedCases"
    };
    synchronized (totals) {
      for (int i = 0; i < keys.length; i++) {
        totals[i] += b.getLong(keys[i]);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "file %d (%s, %.1f MB): %,d rows in %.1f s: %,d refused, %,d below, %,d matched, %,d new"
            + " cases, %,d joined%n",
        f,
        department,
        data.length / 1e6,
        b.getLong("rowsTotal"),
        (System.nanoTime() - t) / 1e9,
        b.getLong("rowsRejected"),
        b.getLong("rowsBelow"),
        b.getLong("matched"),
        b.getLong("newCases"),
        b.getLong("joinedCases"));
  }

  /**
   * The reference: the rows the rules keep (医保's costs against the two lines, by the register's
   * status), per person; against the leads of the uploaded batches per case. Every person once,
   * with as many leads, matched alike (a person with a case open before joins it); every case the
   * files opened in triage with its check and decision deadlines.
   */
  static final String REFERENCE =
      """
      WITH kept AS (
        SELECT s.digest, h.id AS household_id FROM bench_sent s
          LEFT JOIN households h ON h.id_number_digest = s.digest
         WHERE s.department <> 'medical'
            OR s.amount >= CASE WHEN h.status = ANY (?) THEN 5000 ELSE 20000 END),
      expected AS (SELECT digest, count(*) AS leads, bool_or(household_id IS NOT NULL) AS registered
                     FROM kept GROUP BY digest),
      actual AS (SELECT c.id, c.person_digest AS digest, count(*) AS leads,
                        bool_or(c.household_id IS NOT NULL) AS registered, min(c.state) AS state
                   FROM monitor_leads l JOIN monitor_cases c ON c.id = l.case_id
                  WHERE l.batch_id > ? GROUP BY c.id, c.person_digest),
      opened AS (SELECT * FROM actual WHERE id > ?)
      SELECT (SELECT count(*) FROM kept) AS kept,
             (SELECT count(*) FROM kept WHERE household_id IS NOT NULL) AS matched,
             (SELECT count(*) FROM expected) AS persons,
             (SELECT count(*) FROM actual) AS cases,
             (SELECT count(*) FROM expected e FULL JOIN actual a USING (digest)
               WHERE e.leads IS DISTINCT FROM a.leads OR e.registered IS DISTINCT FROM a.registered) AS differ,
             (SELECT count(*) FROM opened) AS opened,
             (SELECT count(*) FROM opened WHERE state <> 'triage') AS not_queued,
             (SELECT count(*) FROM opened a
                LEFT JOIN (SELECT subject_id, count(*) AS n FROM deadlines
                            WHERE subject_type = 'monitor_case' AND state = 'open'
                              AND kind IN ('monitor_check', 'monitor_decision') GROUP BY subject_id) d
                       ON d.subject_id = a.id::text
               WHERE coalesce(d.n, 0) <> 2) AS without_clock""";

  private boolean check(Connection db, long before, long casesBefore, long[] totals)
      throws Exception {
    long t = System.nanoTime();
    try (PreparedStatement ps = db.prepareStatement(REFERENCE)) {
      ps.setArray(1, db.createArrayOf("text", STATUSES));
      ps.setLong(2, before);
      ps.setLong(3, casesBefore);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long kept = rs.getLong("kept");
        long matched = rs.getLong("matched");
        long persons = rs.getLong("persons");
        long cases = rs.getLong("cases");
        long differ = rs.getLong("differ");
        long notQueued = rs.getLong("not_queued");
        long noClock = rs.getLong("without_clock");
        boolean ok =
            differ == 0
                && notQueued == 0
                && noClock == 0
                && persons == cases
                && rs.getLong("opened") == totals[4]
                && matched == totals[3]
                && kept == totals[0] - totals[1] - totals[2]
                && invalid == totals[1];
        System.out.printf(
            Locale.ROOT,
            "reference (%.1f s): %,d rows kept, %,d matched, %,d persons; queue: %,d cases, %,d differing,"
                + " %,d not in triage, %,d without their two deadlines; refused rows %,d of %,d"
                + " written wrong: %s%n",
            (System.nanoTime() - t) / 1e9,
            kept,
            matched,
            persons,
            cases,
            differ,
            notQueued,
            noClock,
            totals[1],
            invalid,
            ok ? "EQUAL" : "DIFFERENT");
        return ok;
      }
    }
  }

  /**
   * CPU seconds so far of the server's process and of the database (the postmaster, its reaped
   * children and the ones alive, the pool's connections among them), from /proc: what the path
   * costs whatever else the machine is doing. Zeros where the process ids were not given.
   */
  private double[] cpu() throws Exception {
    if (serverPid <= 0 || postmasterPid <= 0) {
      return new double[2];
    }
    double server = ticks(stat(serverPid), false);
    double db = ticks(stat(postmasterPid), true);
    try (var procs = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
      for (java.nio.file.Path p : procs.toList()) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        String[] f = stat(Long.parseLong(name));
        if (f != null && Long.parseLong(f[1]) == postmasterPid) {
          db += ticks(f, false);
        }
      }
    }
    return new double[] {server / 100.0, db / 100.0};
  }

  /** The fields of /proc/PID/stat after the command's name (ppid first), or null when gone. */
  private static String[] stat(long pid) {
    try {
      String line = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
      return line.substring(line.lastIndexOf(')') + 2).split(" ");
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** User and system clock ticks (and the reaped children's, for the postmaster). */
  private static double ticks(String[] f, boolean children) {
    if (f == null) {
      return 0;
    }
    // after the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
    double t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    return children ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
  }

  private static long scalar(Connection db, String sql) throws Exception {
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> column(Connection db, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
