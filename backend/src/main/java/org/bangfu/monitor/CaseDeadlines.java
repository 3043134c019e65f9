package org.bangfu.monitor;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.List;
import org.bangfu.deadlines.DeadlineKind;
import org.bangfu.deadlines.Deadlines;
import org.bangfu.deadlines.Opening;
import org.bangfu.deadlines.Owner;
import org.bangfu.deadlines.Subject;

/**
 * A monitoring case's clocks, kept by the one deadline engine inside the case's own transactions,
 * so a case stands in its officials' inbox like every other workflow: the home check (the village's
 * secretary, or the county's desk until its triage names the village), the township's review, the
 * county's decision within 15 days of the first lead (escalated once when late, {@link
 * MonitorEscalation}) and, on the green channel, the procedure that follows the help.
 */
public final class CaseDeadlines {
  /** What the deadlines of monitoring cases are about. */
  static final String SUBJECT = "monitor_case";

  private final Deadlines engine;

  public CaseDeadlines(Deadlines engine) {
    this.engine = engine;
  }

  /** What the inbox calls a case's deadlines, before its number (never the person). */
  static final String TITLE = "防返贫监测 #";

  /** The case's number as the inbox shows it. */
  static String title(long caseId) {
    return TITLE + caseId;
  }

  private static Subject subject(long caseId) {
    return Subject.of(SUBJECT, caseId);
  }

  /** Cases opened in the caller's transaction: their home checks and decisions. */
  public Future<Void> opened(SqlClient tx, List<Long> caseIds) {
    if (caseIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return first(
        tx, CaseRepository.casesOfIds(), List.of(SUBJECT, TITLE, caseIds.toArray(Long[]::new)));
  }

  /**
   * The cases a department's batch numbered and is about to write (in the batch's work tables,
   * {@link WarningRepository#NUMBER_NEW}): their home checks and decisions in two statements,
   * however many, before the cases themselves, so that other files waiting on this one's new cases
   * wait less; those it then did not write are taken back ({@link #withdrawnByBatch}).
   */
  public Future<Void> openedByBatch(SqlClient tx) {
    return first(tx, WarningRepository.openedCases(), List.of(SUBJECT, TITLE));
  }

  /**
   * The clocks the batch opened for numbers it then did not use (another file opened the person's
   * case at the same moment): taken back.
   */
  public Future<Void> withdrawnByBatch(SqlClient tx) {
    return engine.withdrawNew(tx, SUBJECT, WarningRepository.racedCases(), List.of()).mapEmpty();
  }

  /**
   * A case's first two deadlines, due at the dates its row keeps (from the first lead). The cases
   * are new in the caller's transaction (or numbered for it), so the engine looks for no deadline
   * open before.
   */
  private Future<Void> first(SqlClient tx, String cases, List<?> args) {
    return engine
        .openSelectedForNew(
            tx, DeadlineKind.MONITOR_CHECK, CaseRepository.checkOpenings(cases), args)
        .compose(
            n ->
                engine.openSelectedForNew(
                    tx,
                    DeadlineKind.MONITOR_DECISION,
                    CaseRepository.decisionOpenings(cases),
                    args))
        .mapEmpty();
  }

  /**
   * The county's triage named the village: the home check becomes its secretary's, due when it was
   * (or now, when the triage itself came late). Nothing changes when the village was known.
   */
  public Future<Void> triaged(
      SqlClient tx, CaseRepository.Locked c, String village, Instant checkDue, Instant now) {
    if (village.equals(c.villageId())) {
      return Future.succeededFuture();
    }
    Instant due = checkDue.isBefore(now) ? now : checkDue;
    Opening o =
        Opening.of(subject(c.id()), Owner.secretary(village), village, title(c.id())).until(due);
    return engine
        .cancel(tx, DeadlineKind.MONITOR_CHECK, subject(c.id()))
        .compose(v -> engine.open(tx, DeadlineKind.MONITOR_CHECK, o))
        .mapEmpty();
  }

  /** The home check was made. */
  public Future<Void> checked(SqlClient tx, long caseId) {
    return engine.meet(tx, DeadlineKind.MONITOR_CHECK, subject(caseId));
  }

  /**
   * The village's notice passed: the township reviews, within the case's days (at once when they
   * are gone). Its desk is the township's, the county's where the village has none.
   */
  public Future<Void> toTownship(
      SqlClient tx, long caseId, String villageId, Instant decisionDue, Instant now) {
    Instant due = decisionDue.isBefore(now) ? now : decisionDue;
    Opening o =
        Opening.of(subject(caseId), township(villageId), villageId, title(caseId)).until(due);
    return engine.open(tx, DeadlineKind.MONITOR_TOWNSHIP, o).mapEmpty();
  }

  private static Owner township(String villageId) {
    int second = villageId.indexOf('-', villageId.indexOf('-') + 1);
    return second > 0 ? Owner.reviewer(villageId.substring(0, second)) : Owner.countyOf(villageId);
  }

  /** The township reviewed the case. */
  public Future<Void> townshipReviewed(SqlClient tx, long caseId) {
    return engine.meet(tx, DeadlineKind.MONITOR_TOWNSHIP, subject(caseId));
  }

  /** The green channel helped first: the procedure is owed to the county by {@code due}. */
  public Future<Void> green(SqlClient tx, long caseId, String countyId, String place, Instant due) {
    Opening o =
        Opening.of(subject(caseId), Owner.reviewer(countyId), place, title(caseId)).until(due);
    return engine.open(tx, DeadlineKind.MONITOR_PAPERWORK, o).mapEmpty();
  }

  /**
   * The county decided, or the case ended before a decision (a dismissal, no risk at home, a
   * rejection — each the case's answer): the decision and the green channel's procedure are met,
   * and a check or township review still open is no longer asked for.
   */
  public Future<Void> decided(SqlClient tx, long caseId) {
    Subject s = subject(caseId);
    return engine
        .meet(tx, DeadlineKind.MONITOR_DECISION, s)
        .compose(v -> engine.meet(tx, DeadlineKind.MONITOR_PAPERWORK, s))
        .compose(v -> engine.cancel(tx, DeadlineKind.MONITOR_CHECK, s))
        .compose(v -> engine.cancel(tx, DeadlineKind.MONITOR_TOWNSHIP, s));
  }
}
