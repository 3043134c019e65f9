package org.bangfu.monitor;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.config.MonitorConfig;
import org.bangfu.privacy.LazyCipher;
import org.bangfu.privacy.PersonalDataCipher;
import org.bangfu.registry.Reviewers;
import org.bangfu.support.DomainException;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The third channel: departments' warnings (医保, 教育, 应急, 民政 …), a file uploaded by the county or
 * rows posted to the API. Every row is checked, with a report naming each refused row's field and
 * reason; the ID numbers are digested and sealed on a worker thread (never the event loop); then,
 * in one transaction and set-based, the rows are screened by the department's rule, matched to the
 * register by the blind index, de-duplicated against the open cases and within the batch, and
 * queued for their county's triage with their deadlines in the engine ({@link CaseDeadlines}). A
 * person not in the register becomes a lead too. The batch has one audit row with its figures; its
 * leads name it.
 */
public final class WarningService {
  private static final Logger LOG = LoggerFactory.getLogger(WarningService.class);

  /** The fewest rows a worker is given (a smaller batch is checked and sealed on one thread). */
  static final int SLICE = 20_000;

  /** Worker threads a batch's rows are checked and sealed on. */
  private static final int WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());

  private final Vertx vertx;
  private final Pool pool;
  private final Clock clock;
  private final MonitorConfig config;
  private final WarningRepository warnings;
  private final LazyCipher cipher;
  private final CaseDeadlines deadlines;

  private final AuditLog audit;

  public WarningService(
      Vertx vertx,
      Pool pool,
      Clock clock,
      MonitorConfig config,
      WarningRepository warnings,
      LazyCipher cipher,
      CaseDeadlines deadlines,
      AuditLog audit) {
    this.audit = audit;
    this.vertx = vertx;
    this.pool = pool;
    this.clock = clock;
    this.config = config;
    this.warnings = warnings;
    this.cipher = cipher;
    this.deadlines = deadlines;
  }

  /** What a batch was received as: its figures and every refused row with its reason. */
  public record Received(WarningBatch batch, List<WarningRow.Error> errors) {}

  /** The rows checked and sealed, ready to stage, and the rows refused. */
  record Prepared(List<WarningRepository.Staged> rows, List<WarningRow.Error> errors, int total) {
    /** Slices put back together, in order. */
    static Prepared joined(List<Prepared> slices) {
      List<WarningRepository.Staged> rows = new ArrayList<>();
      List<WarningRow.Error> errors = new ArrayList<>();
      int total = 0;
      for (Prepared p : slices) {
        rows.addAll(p.rows());
        errors.addAll(p.errors());
        total += p.total();
      }
      return new Prepared(rows, errors, total);
    }

    int rejected() {
      Set<Integer> rowNos = new HashSet<>();
      errors.forEach(e -> rowNos.add(e.rowNo()));
      return rowNos.size();
    }
  }

  /** Where a batch comes from: which county receives it, which department, what file. */
  public record Source(String county, String department, String fileName, String format) {}

  /** The county a user receives warnings for: a county's reviewer's own, or an admin's choice. */
  public static String county(CurrentUser user, String asked) {
    if (user.is(Role.ADMIN)) {
      if (asked == null) {
        throw DomainException.invalid("countyId", "required", "is required");
      }
      return asked;
    }
    if (!Reviewers.county(user)) {
      throw DomainException.forbidden("warnings are received by a county's reviewer");
    }
    return user.regionId();
  }

  /** A file (CSV or .xlsx): read, checked and sealed on a worker, then queued. */
  public Future<Received> importFile(CurrentUser user, Source source, byte[] data) {
    long t0 = System.nanoTime();
    return cipher
        .get()
        .compose(
            c ->
                vertx
                    .executeBlocking(() -> WarningFile.read(data, source.format()), false)
                    .compose(raw -> prepare(raw, source.department(), c)))
        .compose(p -> timed(store(user, source, p), p, t0, System.nanoTime()));
  }

  /** Rows posted to the API, already split into fields. */
  public Future<Received> importRows(
      CurrentUser user, Source source, List<WarningFile.RawRow> rows) {
    long t0 = System.nanoTime();
    return cipher
        .get()
        .compose(c -> prepare(rows, source.department(), c))
        .compose(p -> timed(store(user, source, p), p, t0, System.nanoTime()));
  }

  /** The batch's two parts' times in the log (figures only): reading and sealing, then queueing. */
  private static Future<Received> timed(Future<Received> stored, Prepared p, long t0, long t1) {
    return stored.onSuccess(
        r ->
            LOG.info(
                "warning batch {}: {} rows read, checked and sealed in {} ms, screened, matched and"
                    + " queued in {} ms",
                r.batch().id(),
                p.total(),
                (t1 - t0) / 1_000_000,
                (System.nanoTime() - t1) / 1_000_000));
  }

  /**
   * A file received on the caller's transaction at a given instant, by the same checks, screening
   * and queue: how the demo data loads a month of departments' files inside its one transaction.
   * Answers the batch's id.
   */
  public Future<Long> receiveIn(
      SqlConnection tx,
      CurrentUser user,
      Source source,
      byte[] data,
      PersonalDataCipher c,
      Instant at) {
    return vertx
        .executeBlocking(() -> WarningFile.read(data, source.format()), false)
        .compose(raw -> prepare(raw, source.department(), c))
        .compose(p -> storeIn(tx, user, source, p, at));
  }

  /**
   * Checks every row, digests and seals the good ones: in slices of at least {@link #SLICE} rows on
   * as many worker threads as there are cores (never the event loop), put back together in the
   * file's order.
   */
  private Future<Prepared> prepare(
      List<WarningFile.RawRow> raw, String department, PersonalDataCipher c) {
    List<Future<Prepared>> parts = new ArrayList<>();
    for (List<WarningFile.RawRow> slice : slices(raw, WORKERS, SLICE)) {
      parts.add(vertx.executeBlocking(() -> prepareSlice(slice, department, c), false));
    }
    return Future.all(parts)
        .map(all -> Prepared.joined(parts.stream().map(Future::result).toList()));
  }

  /** At most {@code workers} slices in order, none under {@code least} rows but the only one. */
  static <T> List<List<T>> slices(List<T> rows, int workers, int least) {
    int n = Math.min(workers, Math.max(1, rows.size() / least));
    int per = Math.max(1, (rows.size() + n - 1) / n);
    List<List<T>> out = new ArrayList<>(n);
    for (int from = 0; from < rows.size() || out.isEmpty(); from += per) {
      out.add(rows.subList(from, Math.min(rows.size(), from + per)));
    }
    return out;
  }

  /** Checks a slice of rows; digests and seals the good ones (a worker thread). */
  static Prepared prepareSlice(
      List<WarningFile.RawRow> raw, String department, PersonalDataCipher cipher) {
    PersonalDataCipher.Digester digester = cipher.digester(Sealing.DIGEST_FIELD);
    PersonalDataCipher.Sealer sealer = cipher.sealer(Sealing.ID_FIELD);
    List<WarningRepository.Staged> rows = new ArrayList<>(raw.size());
    List<WarningRow.Error> errors = new ArrayList<>();
    for (WarningFile.RawRow r : raw) {
      WarningRow.Checked checked = WarningRow.check(r, department);
      if (checked.row() == null) {
        errors.addAll(checked.errors());
        continue;
      }
      WarningRow w = checked.row();
      rows.add(
          new WarningRepository.Staged(
              w.rowNo(),
              digester.digest(w.idNumber()),
              w.name(),
              sealer.seal(w.idNumber()),
              w.idCounty(),
              w.amount(),
              w.risk(),
              w.area(),
              w.detail()));
    }
    return new Prepared(rows, errors, raw.size());
  }

  /** The batch in one transaction: staged, screened, matched, queued, its report and audit row. */
  Future<Received> store(CurrentUser user, Source source, Prepared p) {
    Instant now = clock.instant();
    return pool.withTransaction(tx -> storeIn(tx, user, source, p, now))
        .compose(
            id -> warnings.batch(pool, id).map(b -> new Received(b.orElseThrow(), p.errors())));
  }

  private Future<Long> storeIn(
      SqlConnection tx, CurrentUser user, Source s, Prepared p, Instant now) {
    var rule =
        new WarningRepository.Rule(
            s.department(),
            Screening.MEDICAL_REGISTERED,
            Screening.MEDICAL_OTHERS,
            Screening.EDUCATION,
            Screening.REGISTERED,
            s.county());
    Instant checkDue = WorkingDays.after(now, config.checkWorkingDays());
    Instant decisionDue = now.plus(Duration.ofDays(config.decisionDays()));
    return warnings
        .insertBatch(
            tx, s.county(), s.department(), s.fileName(), s.format(), user.id(), now, p.total())
        .compose(
            batch ->
                warnings
                    .stage(tx, p.rows())
                    .compose(v -> before(tx, batch, rule, p, checkDue, decisionDue))
                    .compose(v -> warnings.queue(tx, batch, rule, now))
                    .compose(counts -> finish(tx, user, s, batch, p, counts))
                    .map(batch));
  }

  /**
   * What a batch can do before it writes its cases: files sent at once wait for each other only
   * from the cases' insert to their commit (a person both name), so the screening, the numbering of
   * new cases, their clocks and the refused rows' report come first.
   */
  private Future<Void> before(
      SqlConnection tx,
      long batch,
      WarningRepository.Rule rule,
      Prepared p,
      Instant checkDue,
      Instant decisionDue) {
    return warnings
        .prepare(tx, rule, checkDue, decisionDue)
        .compose(v -> deadlines.openedByBatch(tx))
        .compose(v -> warnings.errors(tx, batch, p.errors()));
  }

  private Future<Void> finish(
      SqlConnection tx,
      CurrentUser user,
      Source s,
      long batch,
      Prepared p,
      WarningRepository.Counts c) {
    long below = c.staged() - c.kept();
    return deadlines
        .withdrawnByBatch(tx)
        .compose(v -> warnings.finish(tx, batch, p.rejected(), below, c))
        .compose(v -> warnings.dropStaging(tx))
        .compose(
            v ->
                audit.append(
                    tx,
                    user,
                    "monitor_warning_batch",
                    batch,
                    "receive",
                    null,
                    new JsonObject()
                        .put("countyId", s.county())
                        .put("department", s.department())
                        .put("rows", p.total())
                        .put("rejected", p.rejected())
                        .put("below", below)
                        .put("matched", c.matched())
                        .put("newCases", c.opened())
                        .put("joinedCases", c.joined())));
  }

  public Future<Page<WarningBatch>> batches(CurrentUser user, Paging paging) {
    return warnings.batches(pool, user.is(Role.REVIEWER) ? user.regionId() : null, paging);
  }

  /** A batch with its refused rows, for the county that received it (and those above). */
  public Future<Received> batch(CurrentUser user, long id) {
    return warnings
        .batch(pool, id)
        .map(
            o ->
                o.filter(b -> MonitorService.canSee(user, b.countyId(), null))
                    .orElseThrow(() -> DomainException.notFound("warning batch " + id)))
        .compose(b -> warnings.batchErrors(pool, id).map(e -> new Received(b, e)));
  }
}
