package org.bangfu.reports;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.config.OversightConfig;
import org.bangfu.deadlines.DeadlineKind;
import org.bangfu.deadlines.Opening;
import org.bangfu.deadlines.Owner;
import org.bangfu.deadlines.Subject;
import org.bangfu.privacy.LazyCipher;
import org.bangfu.support.DomainException;
import org.bangfu.support.FileContent;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * The 12317 line: filing, routing (分级受理、属地管理), handling on the desk, tracking by the reporter.
 * Every change writes the report and its audit row in one transaction; answers are appended as
 * versions.
 */
public final class ReportService {
  /** Failed tracking look-ups from one address within the window before it is refused. */
  static final int LOOKUP_LOCK_AFTER = 10;

  static final Duration LOOKUP_WINDOW = Duration.ofMinutes(15);
  static final Duration LOOKUP_LOCK = Duration.ofMinutes(15);
  static final long LOOKUP_SLOW_STEP_MS = 50;
  static final long LOOKUP_SLOW_MAX_MS = 500;

  /** The filing limit's window: {@link OversightConfig#reportsPerDay} filings per address in it. */
  static final Duration FILING_WINDOW = Duration.ofDays(1);

  /** The keyed digest's field name for a filing address (never stored in clear). */
  static final String FILING_ADDRESS_FIELD = "report.filingAddress";

  private final Vertx vertx;
  private final Pool pool;
  private final Clock clock;
  private final Deadlines deadlines;
  private final ReportRepository reports;
  private final TrackingSecrets secrets;
  private final OversightConfig config;
  private final LazyCipher cipher;
  private final org.bangfu.deadlines.Deadlines engine;

  public ReportService(
      Vertx vertx,
      Pool pool,
      Clock clock,
      OversightConfig config,
      Deadlines deadlines,
      TrackingSecrets secrets,
      ReportRepository reports,
      LazyCipher cipher,
      org.bangfu.deadlines.Deadlines engine) {
    this.vertx = vertx;
    this.engine = engine;
    this.pool = pool;
    this.clock = clock;
    this.config = config;
    this.deadlines = deadlines;
    this.secrets = secrets;
    this.reports = reports;
    this.cipher = cipher;
  }

  public record Filing(
      SubjectKind subjectKind,
      String subjectId,
      String countyId,
      String category,
      String content,
      boolean anonymous,
      String name,
      String contact,
      FileContent photo) {}

  /** What the reporter takes away: the tracking number and the secret (shown once). */
  public record Filed(String trackingNumber, String secret, Report report) {}

  // ---- filing

  /**
   * Files a report from {@code address} (the client's, {@code http.ClientAddress}): counted against
   * the address's daily limit first, then routed to its record's county and written.
   */
  public Future<Filed> file(Optional<CurrentUser> user, String address, Filing f) {
    Instant now = clock.instant();
    String tracking = secrets.trackingNumber(now.atZone(config.zone()).toLocalDate());
    String secret = secrets.secret();
    return underFilingLimit(address, now)
        .compose(v -> county(f))
        .compose(
            c ->
                sealedReporter(user, f)
                    .compose(
                        s ->
                            pool.withTransaction(
                                tx -> insert(tx, f, newReport(f, c, s, tracking, secret, now)))))
        .map(r -> new Filed(tracking, secret, r));
  }

  /**
   * Counts this filing for the address (kept as a keyed digest) in one statement, and refuses it
   * (429, {@code report_limit}, with Retry-After) beyond {@link OversightConfig#reportsPerDay} in
   * 24 hours.
   */
  private Future<Void> underFilingLimit(String address, Instant now) {
    int limit = config.reportsPerDay();
    return cipher
        .get()
        .map(c -> c.digest(FILING_ADDRESS_FIELD, address == null ? "unknown" : address))
        .compose(digest -> reports.filing(pool, digest, now, FILING_WINDOW, limit))
        .compose(
            count -> {
              if (count.filings() <= limit) {
                return Future.succeededFuture();
              }
              Instant over = count.windowStart().toInstant().plus(FILING_WINDOW);
              long wait = Math.max(1, Duration.between(now, over).toSeconds());
              return Future.failedFuture(
                  new DomainException(
                      DomainException.Kind.TOO_MANY_REQUESTS,
                      "report_limit",
                      "at most " + limit + " reports a day from one address",
                      DomainException.params("max", limit, "retryAfter", wait),
                      List.of()));
            });
  }

  /**
   * A case opened by the platform itself in the caller's transaction (a sampled delivery found "not
   * received"): anonymous (no reporter, and the tracking secret is not kept by anyone), routed to
   * the subject's county like any report, with the same deadlines. Answers the report's id.
   */
  public Future<Long> openCase(
      SqlConnection tx, SubjectKind kind, String subjectId, String category, String content) {
    Instant now = clock.instant();
    Filing f = new Filing(kind, subjectId, null, category, content, true, null, null, null);
    String tracking = secrets.trackingNumber(now.atZone(config.zone()).toLocalDate());
    return reports
        .subjectCounty(tx, kind, subjectId)
        .map(found -> found.orElseThrow(() -> subjectNotFound(kind, subjectId)).orElse(null))
        .compose(
            county -> insert(tx, f, newReport(f, county, null, tracking, secrets.secret(), now)))
        .map(Report::id);
  }

  /**
   * The county a report goes to: its subject's, the one named (it must exist), or none (the city).
   */
  private Future<String> county(Filing f) {
    if (f.subjectKind() != null) {
      return subjectCounty(f.subjectKind(), f.subjectId());
    }
    if (f.countyId() == null) {
      return Future.succeededFuture(null);
    }
    return reports
        .countyExists(pool, f.countyId())
        .map(
            ok -> {
              if (!ok) {
                throw DomainException.invalid("countyId", "county_not_found", "is not a county");
              }
              return f.countyId();
            });
  }

  /** Who reported, sealed (none for an anonymous report). */
  private Future<byte[]> sealedReporter(Optional<CurrentUser> user, Filing f) {
    if (f.anonymous()) {
      return Future.succeededFuture(null);
    }
    Reporter reporter =
        new Reporter(f.name(), f.contact(), user.map(CurrentUser::username).orElse(null));
    return cipher.get().map(c -> c.encrypt(Reporter.FIELD, reporter.toSealable()));
  }

  private ReportRepository.NewReport newReport(
      Filing f, String county, byte[] sealed, String tracking, String secret, Instant now) {
    return new ReportRepository.NewReport(
        tracking,
        TrackingSecrets.digest(secret),
        f.subjectKind(),
        f.subjectId(),
        county,
        f.category(),
        f.content(),
        f.anonymous(),
        sealed,
        now,
        deadlines.ackDue(now),
        deadlines.answerDue(now));
  }

  /**
   * Step of {@link #file}, in its transaction: the report and its audit row; answers the report.
   */
  private Future<Report> insert(SqlConnection tx, Filing f, ReportRepository.NewReport r) {
    String county = r.countyId();
    // the trail records the filing, never who filed it
    JsonObject filed =
        new JsonObject()
            .put("status", "received")
            .put("countyId", county)
            .put("level", county == null ? "city" : "county")
            .put("subjectKind", f.subjectKind() == null ? null : f.subjectKind().wire())
            .put("subjectId", f.subjectId())
            .put("category", f.category())
            .put("anonymous", f.anonymous());
    filed.put("photo", f.photo() != null);
    return reports
        .insert(tx, r)
        .compose(
            id ->
                (f.photo() == null
                        ? Future.<Void>succeededFuture()
                        : reports.insertPhoto(tx, id, f.photo()))
                    .compose(v -> openDeadlines(tx, id, r))
                    .compose(v -> AuditLog.append(tx, null, "report", id, "file", null, filed))
                    .compose(v -> reports.find(tx, id, r.receivedAt())))
        .map(Optional::orElseThrow);
  }

  /**
   * A new report's two deadlines, for its county's desk (the city's when it names none): the
   * acknowledgement and the answer, due when the report says.
   */
  private Future<Void> openDeadlines(SqlConnection tx, long id, ReportRepository.NewReport r) {
    Opening o = opening(id, r.countyId(), r.trackingNo());
    return engine
        .open(tx, DeadlineKind.REPORT_ACK, o.until(r.ackDue()))
        .compose(v -> engine.open(tx, DeadlineKind.REPORT_ANSWER, o.until(r.answerDue())))
        .mapEmpty();
  }

  private static Opening opening(long id, String county, String trackingNo) {
    Owner desk = Owner.reviewer(county == null ? Owner.HOME_CITY : county);
    return Opening.of(Subject.of(SUBJECT, id), desk, county, trackingNo);
  }

  /** What the deadlines of a report are about. */
  static final String SUBJECT = "report";

  private Future<String> subjectCounty(SubjectKind kind, String id) {
    if (kind.numericId() && !id.matches("[1-9][0-9]{0,17}")) {
      return Future.failedFuture(subjectNotFound(kind, id));
    }
    return reports
        .subjectCounty(pool, kind, id)
        .map(found -> found.orElseThrow(() -> subjectNotFound(kind, id)).orElse(null));
  }

  private static DomainException subjectNotFound(SubjectKind kind, String id) {
    return DomainException.invalid(
        "subjectId",
        "subject_not_found",
        "no " + kind.wire() + " " + id + " the public can see",
        Map.of("kind", kind.wire()));
  }

  // ---- the reporter, with the tracking secret

  public Future<Report> track(String address, String trackingNo, String secret) {
    return authenticate(address, trackingNo, secret)
        .compose(id -> reports.find(pool, id, clock.instant()))
        .map(Optional::orElseThrow);
  }

  /** The reporter asks once for a review (复核) of the answer; it goes back for investigation. */
  public Future<Report> requestReview(
      String address, String trackingNo, String secret, String reason) {
    return authenticate(address, trackingNo, secret)
        .compose(id -> pool.withTransaction(tx -> review(tx, id, reason, clock.instant())));
  }

  /** Step of {@link #requestReview}, in its transaction: the report locked, checked, sent back. */
  private Future<Report> review(SqlConnection tx, long id, String reason, Instant now) {
    return reports
        .lock(tx, id)
        .compose(v -> reports.find(tx, id, now))
        .map(found -> reviewable(found.orElseThrow()))
        .compose(
            r ->
                reports
                    .requestReview(tx, id, now, reason, deadlines.answerDue(now))
                    .compose(
                        v ->
                            engine
                                .open(
                                    tx,
                                    DeadlineKind.REPORT_ANSWER,
                                    opening(id, r.countyId(), r.trackingNo())
                                        .until(deadlines.answerDue(now)))
                                .mapEmpty())
                    .compose(
                        v ->
                            AuditLog.append(
                                tx,
                                null,
                                "report",
                                id,
                                "request_review",
                                new JsonObject().put("status", r.status().wire()),
                                new JsonObject()
                                    .put("status", ReportStatus.REVIEW_REQUESTED.wire()))))
        .compose(v -> reports.find(tx, id, now))
        .map(Optional::orElseThrow);
  }

  /** A review is asked for once, of an answer. */
  private static Report reviewable(Report r) {
    if (r.reviewUsed()) {
      throw DomainException.conflict(
          "review_already_requested", "a review was already asked for", Map.of());
    }
    if (r.status() != ReportStatus.ANSWERED && r.status() != ReportStatus.CLOSED) {
      throw DomainException.conflict(
          "report_not_answered",
          "there is no answer to review yet",
          Map.of("status", r.status().wire()));
    }
    return r;
  }

  /**
   * The report's id when the secret matches its tracking number. Every look-up is counted for the
   * address before it is checked, in one statement, so look-ups sent at once cannot pass the limit
   * together; a match gives its count back. A failure (unknown number or wrong secret, the same
   * answer for both) is answered more slowly each time, and the address is refused for a while once
   * {@link #LOOKUP_LOCK_AFTER} look-ups have failed.
   */
  private Future<Long> authenticate(String address, String trackingNo, String secret) {
    Instant now = clock.instant();
    return reports
        .lookupAttempt(pool, address, now, LOOKUP_WINDOW, LOOKUP_LOCK_AFTER, LOOKUP_LOCK)
        .compose(
            attempt -> {
              if (attempt.attempts() > LOOKUP_LOCK_AFTER) {
                return Future.failedFuture(lookupRefused(attempt, now));
              }
              return reports
                  .byTracking(pool, trackingNo)
                  .compose(
                      found ->
                          found.isPresent()
                                  && TrackingSecrets.matches(secret, found.get().secretDigest())
                              ? reports
                                  .lookupMatched(pool, address, LOOKUP_LOCK_AFTER)
                                  .map(found.get().id())
                              : mismatch(attempt.attempts()));
            });
  }

  private static DomainException lookupRefused(ReportRepository.LookupAttempt a, Instant now) {
    long wait =
        a.lockedUntil() == null
            ? LOOKUP_LOCK.toSeconds()
            : Math.max(1, Duration.between(now, a.lockedUntil().toInstant()).toSeconds());
    return new DomainException(
        DomainException.Kind.TOO_MANY_REQUESTS,
        "too_many_requests",
        "too many failed look-ups from this address; try again later",
        DomainException.params("retryAfter", wait),
        List.of());
  }

  /** A failed look-up (already counted): answered after a pause that grows with the count. */
  private Future<Long> mismatch(int attempts) {
    return vertx
        .timer(Math.min(LOOKUP_SLOW_MAX_MS, LOOKUP_SLOW_STEP_MS * attempts))
        .compose(
            v ->
                Future.failedFuture(
                    DomainException.invalid(
                        "secret",
                        "tracking_mismatch",
                        "the tracking number and secret do not match a report")));
  }

  // ---- the desk

  /**
   * May this user see and handle this report? Auditors all; a reviewer those of their county or
   * city.
   */
  public static boolean canHandle(CurrentUser user, Report r) {
    return switch (user.role()) {
      case AUDITOR -> true;
      case REVIEWER ->
          r.countyId() == null
              ? isCity(user.regionId())
              : Access.regionContains(user.regionId(), r.countyId());
      default -> false;
    };
  }

  static boolean isCity(String region) {
    return region != null && region.matches("[0-9]{4}");
  }

  public Future<Page<Report>> list(CurrentUser user, ReportRepository.Filter f, Paging paging) {
    ReportRepository.Filter scoped =
        user.role() == Role.REVIEWER
            ? new ReportRepository.Filter(
                f.status(), f.countyId(), f.overdue(), f.escalated(), f.category(), user.regionId())
            : f;
    return reports.list(pool, scoped, clock.instant(), paging);
  }

  public Future<Report> get(CurrentUser user, long id) {
    return reports
        .find(pool, id, clock.instant())
        .map(
            found -> {
              Report r = found.orElseThrow(() -> DomainException.notFound("report " + id));
              if (user.role() != Role.ADMIN && !canHandle(user, r)) {
                throw DomainException.forbidden("report " + id + " is handled by another county");
              }
              return r;
            });
  }

  /** The photo sent with a report, for those who may handle it (as {@link #get}). */
  public Future<FileContent> photo(CurrentUser user, long id) {
    return get(user, id)
        .compose(r -> reports.photo(pool, r.id()))
        .map(p -> p.orElseThrow(() -> DomainException.notFound("photo of report " + id)));
  }

  /** Who reported, for auditors only (the routes decide who asks). */
  public Future<Optional<Reporter>> reporter(Report r) {
    if (r.reporterSealed() == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return cipher
        .get()
        .map(
            c -> Optional.of(Reporter.fromSealable(c.decrypt(Reporter.FIELD, r.reporterSealed()))));
  }

  public enum Action {
    ACCEPT("accept", ReportStatus.ACCEPTED),
    NOT_ACCEPT("not_accept", ReportStatus.NOT_ACCEPTED),
    INVESTIGATE("investigate", ReportStatus.INVESTIGATING),
    ANSWER("answer", ReportStatus.ANSWERED),
    CLOSE("close", ReportStatus.CLOSED);

    final String wire;
    final ReportStatus to;

    Action(String wire, ReportStatus to) {
      this.wire = wire;
      this.to = to;
    }

    boolean allowedFrom(ReportStatus s) {
      return switch (this) {
        case ACCEPT, NOT_ACCEPT -> s == ReportStatus.RECEIVED;
        case INVESTIGATE -> s == ReportStatus.ACCEPTED || s == ReportStatus.REVIEW_REQUESTED;
        case ANSWER -> s == ReportStatus.INVESTIGATING;
        case CLOSE -> s == ReportStatus.ANSWERED;
      };
    }
  }

  /** An answer's content (for {@link Action#ANSWER}); the reason for {@link Action#NOT_ACCEPT}. */
  public record Handling(String reason, String finding, String answer, String measures) {
    public static final Handling NONE = new Handling(null, null, null, null);
  }

  public Future<Report> handle(CurrentUser user, long id, Action action, Handling h) {
    return pool.withTransaction(tx -> handle(tx, user, id, action, h, clock.instant()));
  }

  /**
   * Step of {@link #handle}, in its transaction: the report locked, the user and the step checked,
   * the step taken; answers the report as it is now.
   */
  private Future<Report> handle(
      SqlConnection tx, CurrentUser user, long id, Action action, Handling h, Instant now) {
    return reports
        .lock(tx, id)
        .compose(v -> reports.find(tx, id, now))
        .map(found -> handleable(user, id, action, found))
        .compose(r -> take(tx, user, r, action, h, now))
        .compose(v -> reports.find(tx, id, now))
        .map(Optional::orElseThrow);
  }

  private static Report handleable(
      CurrentUser user, long id, Action action, Optional<Report> found) {
    Report r = found.orElseThrow(() -> DomainException.notFound("report " + id));
    if (!canHandle(user, r)) {
      throw DomainException.forbidden("report " + id + " is handled by another county");
    }
    if (!action.allowedFrom(r.status())) {
      throw DomainException.conflict(
          "report_wrong_status",
          "a report that is " + r.status().wire() + " cannot be " + action.wire,
          Map.of("status", r.status().wire(), "action", action.wire));
    }
    return r;
  }

  /** The step: an answer's new version (for an answer), the new status, the audit row. */
  private Future<Void> take(
      SqlConnection tx, CurrentUser user, Report r, Action action, Handling h, Instant now) {
    Future<JsonObject> after =
        action == Action.ANSWER
            ? reports
                .insertAnswer(tx, r.id(), h.finding(), h.answer(), h.measures(), user.id(), now)
                .map(v -> becomes(action).put("answerVersion", v).put("finding", h.finding()))
            : Future.succeededFuture(
                action == Action.NOT_ACCEPT
                    ? becomes(action).put("reason", h.reason())
                    : becomes(action));
    return after.compose(
        a ->
            reports
                .setStatus(tx, r.id(), action.to, now, h.reason())
                .compose(v -> closeDeadlines(tx, r.id(), action))
                .compose(
                    v ->
                        AuditLog.append(
                            tx,
                            user,
                            "report",
                            r.id(),
                            action.wire,
                            new JsonObject().put("status", r.status().wire()),
                            a)));
  }

  /**
   * The deadlines a step settles: accepting or not acknowledges; not accepting also ends the wait
   * for an answer; answering answers.
   */
  private Future<Void> closeDeadlines(SqlConnection tx, long id, Action action) {
    Subject s = Subject.of(SUBJECT, id);
    return switch (action) {
      case ACCEPT -> engine.meet(tx, DeadlineKind.REPORT_ACK, s);
      case NOT_ACCEPT ->
          engine
              .meet(tx, DeadlineKind.REPORT_ACK, s)
              .compose(v -> engine.cancel(tx, DeadlineKind.REPORT_ANSWER, s));
      case ANSWER -> engine.meet(tx, DeadlineKind.REPORT_ANSWER, s);
      case INVESTIGATE, CLOSE -> Future.succeededFuture();
    };
  }

  private static JsonObject becomes(Action action) {
    return new JsonObject().put("status", action.to.wire());
  }
}
