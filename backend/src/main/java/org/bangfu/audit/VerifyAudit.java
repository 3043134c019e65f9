package org.bangfu.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bangfu.audit.log.LegacyCheckpoints;
import org.bangfu.audit.log.LogVerification;
import org.bangfu.audit.log.Problem;
import org.bangfu.audit.log.Signatures;
import org.bangfu.audit.log.TreeHead;
import org.bangfu.audit.log.WitnessFiles;
import org.bangfu.audit.log.WitnessState;
import org.bangfu.config.AppConfig;
import org.bangfu.db.DatabaseUrl;
import org.bangfu.db.EmbeddedDatabase;
import org.bangfu.keys.Keys;

/**
 * {@code java -jar bangfu.jar verify-audit [--database-url URL] [--witness-state FILE]...
 * [--public-key BASE64]...} (what {@code scripts/verify-audit} runs): checks the audit log in the
 * database ({@link LogVerification}) — every row recomputed, every signed head and cosignature,
 * every head a witness remembers. Exit code 0: intact; 1: tampered, the first finding first; 2: bad
 * usage, or the database cannot be read.
 *
 * <p>Defaults: the database of DATABASE_URL, else the embedded PostgreSQL of BANGFU_DATA_DIR (the
 * running one, or started for the check); the witnesses this machine's nodes keep in {@code
 * BANGFU_DATA_DIR/witness}; the audit public key of BANGFU_AUDIT_KEY or the key file, with those
 * given and those the witnesses pinned. Keys known only from the database's key list are used and
 * said so.
 */
public final class VerifyAudit {

  public static final String USAGE =
      "usage: verify-audit [--database-url postgresql://user:pass@host:port/db] "
          + "[--witness-state FILE]... [--public-key BASE64]... [--no-local-witnesses]";

  private VerifyAudit() {}

  private static final class Usage extends Exception {
    Usage(String message) {
      super(message);
    }
  }

  private record Options(
      String database, List<Path> witnessFiles, List<String> publicKeys, boolean local) {}

  /** Runs the check; the exit code. */
  public static int run(
      List<String> args,
      AppConfig config,
      LogVerification verification,
      PrintStream out,
      PrintStream err) {
    try {
      Options o = parse(args);
      if (o == null) {
        out.println(USAGE);
        return 0;
      }
      List<LogVerification.WitnessView> witnesses = witnesses(o, config);
      Map<String, PublicKey> keys = keys(o, config, witnesses);
      List<String> checkpoints =
          o.local() ? LegacyCheckpoints.read(LegacyCheckpoints.file(config.dataDir())) : List.of();
      Optional<String> url = Optional.ofNullable(o.database()).or(config::databaseUrl);
      if (url.isPresent()) {
        String name = o.database() != null ? "--database-url" : "DATABASE_URL";
        return check(
            DatabaseUrl.parse(name, url.get()), verification, keys, witnesses, checkpoints, out);
      }
      Optional<DatabaseUrl> running = EmbeddedDatabase.runningUrl(config.dataDir());
      if (running.isPresent()) {
        return check(running.get(), verification, keys, witnesses, checkpoints, out);
      }
      try (EmbeddedDatabase embedded = EmbeddedDatabase.startPersistent(config.dataDir())) {
        return check(embedded.url(), verification, keys, witnesses, checkpoints, out);
      }
    } catch (Usage ex) {
      err.println("verify-audit: " + ex.getMessage());
      err.println(USAGE);
      return 2;
    } catch (IOException | SQLException | RuntimeException ex) {
      err.println("verify-audit: cannot check: " + ex.getMessage());
      return 2;
    }
  }

  private static Options parse(List<String> args) throws Usage {
    String db = null;
    List<Path> files = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    boolean local = true;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--database-url" -> db = value(args, ++i, a);
        case "--witness-state" -> files.add(Path.of(value(args, ++i, a)));
        case "--public-key" -> keys.add(value(args, ++i, a));
        case "--no-local-witnesses" -> local = false;
        case "--help", "-h" -> {
          return null;
        }
        default -> throw new Usage("unknown argument '" + a + "'");
      }
    }
    return new Options(db, files, keys, local);
  }

  private static String value(List<String> args, int i, String option) throws Usage {
    if (i >= args.size() || args.get(i).startsWith("--")) {
      throw new Usage(option + " needs a value");
    }
    return args.get(i);
  }

  /** The witnesses' states: those given, and this machine's nodes' (every log they watch). */
  private static List<LogVerification.WitnessView> witnesses(Options o, AppConfig config)
      throws IOException, Usage {
    List<LogVerification.WitnessView> out = new ArrayList<>();
    for (Path f : o.witnessFiles()) {
      WitnessState s =
          WitnessFiles.read(f)
              .orElseThrow(() -> new Usage("--witness-state " + f + ": no such file"));
      out.add(new LogVerification.WitnessView(f.getFileName().toString(), s));
    }
    Path local = config.dataDir().resolve("witness");
    if (o.local() && Files.isDirectory(local)) {
      try (Stream<Path> nodes = Files.list(local)) {
        for (Path node : nodes.filter(Files::isDirectory).sorted().toList()) {
          try (Stream<Path> states = Files.list(node)) {
            for (Path f : states.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
              WitnessFiles.read(f)
                  .ifPresent(
                      s ->
                          out.add(
                              new LogVerification.WitnessView(
                                  node.getFileName() + " (this machine)", s)));
            }
          }
        }
      }
    }
    return out;
  }

  /** The log keys trusted from outside the database. */
  private static Map<String, PublicKey> keys(
      Options o, AppConfig config, List<LogVerification.WitnessView> witnesses)
      throws IOException, Usage {
    Map<String, PublicKey> out = new HashMap<>();
    for (String k : o.publicKeys()) {
      try {
        PublicKey key = Signatures.publicKey(k);
        out.put(Signatures.keyId(key), key);
      } catch (IllegalArgumentException ex) {
        throw new Usage("--public-key: " + ex.getMessage());
      }
    }
    Keys.auditPublicKey(config.dataDir().resolve("keys"), config.auditKey())
        .ifPresent(k -> out.putIfAbsent(Signatures.keyId(k), k));
    for (LogVerification.WitnessView w : witnesses) {
      w.state()
          .logKeys()
          .forEach(
              (id, text) -> {
                try {
                  out.putIfAbsent(id, Signatures.publicKey(text));
                } catch (IllegalArgumentException ex) {
                  // a witness's broken pin is no key; the heads it signed then show unverified
                }
              });
    }
    return out;
  }

  private static int check(
      DatabaseUrl db,
      LogVerification verification,
      Map<String, PublicKey> keys,
      List<LogVerification.WitnessView> witnesses,
      List<String> checkpoints,
      PrintStream out)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      LogVerification.Report r;
      try {
        r =
            verification.run(
                c,
                new LogVerification.Trust(
                    keys,
                    origin ->
                        witnesses.stream().filter(w -> w.state().origin().equals(origin)).toList(),
                    checkpoints),
                false);
      } finally {
        c.rollback();
      }
      print(r, keys, witnesses, out);
      return r.intact() ? 0 : 1;
    }
  }

  private static void print(
      LogVerification.Report r,
      Map<String, PublicKey> keys,
      List<LogVerification.WitnessView> witnesses,
      PrintStream out) {
    if (r.intact()) {
      out.println(
          "intact: "
              + r.rows()
              + " records (last id "
              + r.lastId()
              + "), root "
              + HexFormat.of().formatHex(r.root()));
    } else {
      out.println("TAMPERED: " + r.problems().get(0).message());
      for (Problem p : r.problems().subList(1, r.problems().size())) {
        out.println("  also: " + p.message());
      }
    }
    out.println("checked: every record's hash recomputed from its content and the record before");
    TreeHead latest = r.latest();
    out.println(
        "checked: "
            + r.heads().size()
            + " signed heads against the records"
            + (latest == null
                ? " (none signed yet)"
                : "; the latest covers " + latest.size() + " records (" + latest.time() + ")"));
    out.println(
        "checked: "
            + witnesses.stream().filter(w -> w.state().origin().equals(r.origin())).count()
            + " witness states of this log"
            + (r.latestWitnessedSize() == 0
                ? ""
                : "; the latest witnessed head covers "
                    + r.latestWitnessedSize()
                    + " records (witnessed by "
                    + String.join(", ", r.latestWitnessedBy())
                    + ")"));
    out.println("keys trusted from outside the database: " + keys.keySet());
    r.notes().forEach(n -> out.println("note: " + n));
  }
}
