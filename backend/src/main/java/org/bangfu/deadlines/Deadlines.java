package org.bangfu.deadlines;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The deadline engine as the workflows use it, always inside the workflow's own transaction, so a
 * deadline opens and closes with the state change that causes it or not at all:
 *
 * <ul>
 *   <li>{@link #open}: a deadline of a kind about a subject, whose, due by the kind's configured
 *       rule from now (or at the date the workflow keeps itself). Idempotent: a second open of the
 *       same kind and subject while one is open does nothing.
 *   <li>{@link #meet}: the step was taken (acknowledged, answered, confirmed, verified…).
 *   <li>{@link #cancel}: the step is no longer asked for (a proposal declined, a need withdrawn).
 * </ul>
 *
 * <p>Meeting or cancelling a deadline that is not open does nothing, so a workflow may close what
 * it is unsure was opened (a record older than the engine). Time is the application's clock. Open
 * screens hear of every change when it commits (a database notice, {@link DeadlineEvents}); the
 * deadline job turns them amber and escalates them ({@link DeadlineService#advance}).
 */
public final class Deadlines {
  private final Clock clock;
  private final DeadlineRules rules;
  private final DeadlineRepository repo;

  public Deadlines(Clock clock, DeadlineRules rules, DeadlineRepository repo) {
    this.clock = clock;
    this.rules = rules;
    this.repo = repo;
  }

  /** The rule a deadline of {@code kind} runs under unless its opening names another. */
  public Rule rule(DeadlineKind kind) {
    return rules.rule(kind);
  }

  /** Opens one deadline; answers whether it opened (false: one was open already). */
  public Future<Boolean> open(SqlClient tx, DeadlineKind kind, Opening o) {
    return openAll(tx, kind, List.of(o)).map(n -> n > 0);
  }

  /** Opens several deadlines of a kind in one statement (a round's proposals); answers how many. */
  public Future<Integer> openAll(SqlClient tx, DeadlineKind kind, List<Opening> openings) {
    Instant now = clock.instant();
    Rule rule = rules.rule(kind);
    List<Instant> dues = new ArrayList<>(openings.size());
    for (Opening o : openings) {
      dues.add(rules.due(kind, o.rule() == null ? rule : o.rule(), now, o.dueAt()));
    }
    return repo.open(tx, kind, rule, now, openings, dues);
  }

  /**
   * Opens a deadline of {@code kind} for each row of a workflow's query, in one statement, without
   * the rows passing through the application (a department's file opens hundreds of thousands). The
   * query, from the workflow's repository, answers an opening's columns in order: subject type and
   * id, title, the owner's role, region, village, donor and user, place, due date, and the rule's
   * setting, value and unit (null for the kind's rule); its parameters are numbered from $6. Each
   * row is due at the date it gives. Answers how many opened.
   */
  public Future<Integer> openSelected(
      SqlClient tx, DeadlineKind kind, String select, List<?> args) {
    return repo.openSelected(tx, kind, rules.rule(kind), clock.instant(), select, args);
  }

  /**
   * As {@link #openSelected}, for subjects the caller's transaction made (a department file's new
   * cases): none of them can have a deadline open yet, so none is looked for; a second open
   * deadline of a kind about one subject is still refused by the engine's unique index (an error,
   * where {@link #openSelected} would do nothing).
   */
  public Future<Integer> openSelectedForNew(
      SqlClient tx, DeadlineKind kind, String select, List<?> args) {
    return repo.openSelectedForNew(tx, kind, rules.rule(kind), clock.instant(), select, args);
  }

  /**
   * As {@link #openSelectedForNew}, each due by the kind's configured rule counted from now: the
   * query answers no due date of its own but {@code $6}, the one due date (its own parameters from
   * $7). A round's proposals open their donors' deadlines so, without passing through the
   * application.
   */
  public Future<Integer> openSelectedForNewByRule(
      SqlClient tx, DeadlineKind kind, String select, List<?> args) {
    Instant now = clock.instant();
    Rule rule = rules.rule(kind);
    List<Object> all = new ArrayList<>(1 + args.size());
    all.add(DeadlineRepository.utc(rules.due(kind, rule, now, null)));
    all.addAll(args);
    return repo.openSelectedForNew(tx, kind, rule, now, select, all);
  }

  /**
   * Takes back the deadlines the caller's transaction opened for subjects it then did not make (a
   * department's file numbered a person's new case and opened its clocks first, and another file
   * opened that person's case at the same moment): they are removed, as if never opened, since no
   * one saw them. {@code select} answers the subjects' ids as text; its parameters are numbered
   * from $2.
   */
  public Future<Integer> withdrawNew(
      SqlClient tx, String subjectType, String select, List<?> args) {
    return repo.withdrawSelected(tx, subjectType, select, args);
  }

  /** The deadline of {@code kind} about {@code subject} is met, if it is open. */
  public Future<Void> meet(SqlClient tx, DeadlineKind kind, Subject subject) {
    return close(tx, kind, subject.type(), List.of(subject.id()), Deadline.State.MET);
  }

  /** The deadline of {@code kind} about {@code subject} is no longer asked for, if it is open. */
  public Future<Void> cancel(SqlClient tx, DeadlineKind kind, Subject subject) {
    return close(tx, kind, subject.type(), List.of(subject.id()), Deadline.State.CANCELLED);
  }

  /** Meets the open deadlines of {@code kind} about several subjects of one type. */
  public Future<Void> meetAll(
      SqlClient tx, DeadlineKind kind, String subjectType, List<String> ids) {
    return close(tx, kind, subjectType, ids, Deadline.State.MET);
  }

  /** Cancels the open deadlines of {@code kind} about several subjects of one type. */
  public Future<Void> cancelAll(
      SqlClient tx, DeadlineKind kind, String subjectType, List<String> ids) {
    return close(tx, kind, subjectType, ids, Deadline.State.CANCELLED);
  }

  /** Cancels every open deadline about {@code subject}, whatever its kind (the record ended). */
  public Future<Void> cancelEvery(SqlClient tx, Subject subject) {
    return close(tx, null, subject.type(), List.of(subject.id()), Deadline.State.CANCELLED);
  }

  /**
   * Closes as {@code to} the open deadlines of {@code kind} about the subjects a workflow's query
   * names (of type {@code subjectType}; the query's parameters from $3) where the step is done for
   * everything the deadline stands for ({@code done}, a condition on the deadline {@code d}: a
   * donor's last proposal of a round answered). Each is locked first, in id order, and {@code done}
   * is read in the next statement, after the locks: of two transactions settling the last two
   * things one deadline waits for, the second waits for the first and sees what it did, so the
   * deadline is closed by one of them. Answers how many closed.
   */
  public Future<Integer> closeWhenDone(
      SqlClient tx,
      DeadlineKind kind,
      String subjectType,
      String select,
      List<?> args,
      String done,
      Deadline.State to) {
    return repo.closeWhenDone(tx, kind, subjectType, select, args, done, to, clock.instant());
  }

  /** Every deadline about {@code subject}, open or closed, oldest first (for a workflow's page). */
  public Future<List<Deadline>> of(SqlClient sql, Subject subject) {
    return repo.ofSubject(sql, subject);
  }

  private Future<Void> close(
      SqlClient tx, DeadlineKind kind, String subjectType, List<String> ids, Deadline.State to) {
    return repo.close(tx, kind, subjectType, ids, to, clock.instant()).mapEmpty();
  }
}
