package org.bangfu.supervision;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.config.FundsConfig;
import org.bangfu.deadlines.DeadlineKind;
import org.bangfu.deadlines.Deadlines;
import org.bangfu.deadlines.Opening;
import org.bangfu.deadlines.Owner;
import org.bangfu.deadlines.Subject;
import org.bangfu.supervision.SupervisionRepository.Check;
import org.bangfu.supervision.SupervisionRepository.Rule;
import org.bangfu.support.DomainException;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * Online fund supervision (扶贫资金在线监管): the rules, run on a schedule ({@link SupervisionJob}) and on
 * demand, raise alerts with the days and thresholds of {@link FundsConfig}; auditors explain or
 * close them with a note.
 */
public final class SupervisionService {
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final Pool pool;
  private final Clock clock;
  private final FundsConfig config;
  private final SupervisionRepository repo;
  private final Deadlines engine;

  private final AuditLog audit;

  public SupervisionService(
      Pool pool,
      Clock clock,
      FundsConfig config,
      SupervisionRepository repo,
      Deadlines engine,
      AuditLog audit) {
    this.audit = audit;
    this.engine = engine;
    this.pool = pool;
    this.clock = clock;
    this.config = config;
    this.repo = repo;
  }

  /** Every rule with the days and thresholds of {@code config}, at {@code now}. */
  public static List<Rule> rules(FundsConfig config, Instant now) {
    int year = now.atZone(CHINA).getYear();
    return List.of(
        rule("allocation_not_delivered", Check.NOT_DELIVERED, now, config.deliveryDays()),
        rule("allocation_not_received", Check.NOT_RECEIVED, now, config.receiptDays()),
        rule("receipt_without_evidence", Check.WITHOUT_EVIDENCE, now, 0),
        rule("allocation_not_verified", Check.NOT_VERIFIED, now, config.verifyDays()),
        rule("project_without_progress", Check.WITHOUT_PROGRESS, now, config.progressDays()),
        rule("project_overdue", Check.OVERDUE, now, 0),
        new Rule(
            "household_many_sources",
            Check.MANY_SOURCES,
            now,
            List.of(year, config.householdYearYuan())),
        rule("programme_behind", Check.BEHIND, now, config.programmeBehindPct()),
        rule("programme_ahead", Check.AHEAD, now, config.programmeBehindPct()),
        rule("pledge_expiring", Check.PLEDGE_EXPIRING, now, config.pledgeExpiryDays()));
  }

  private static Rule rule(String name, Check check, Instant now, int threshold) {
    return new Rule(name, check, now, List.of(threshold));
  }

  /** Runs every rule at {@code now}; answers how many alerts were raised. */
  public Future<Integer> run(Instant now) {
    return pool.withTransaction(
        tx -> {
          Future<Integer> total = Future.succeededFuture(0);
          for (Rule r : rules(config, now)) {
            total = total.compose(n -> repo.raise(tx, r).map(m -> n + m));
          }
          return total.compose(n -> openHandling(tx, now).map(n));
        });
  }

  /** What the deadlines of alerts are about. */
  static final String SUBJECT = SupervisionRepository.ALERT_SUBJECT;

  /** Each alert just raised is the auditors' to explain or close, within their window. */
  private Future<Void> openHandling(SqlClient tx, Instant now) {
    return repo.raisedAt(tx, now)
        .compose(
            raised ->
                engine.openAll(
                    tx,
                    DeadlineKind.ALERT_HANDLE,
                    raised.stream()
                        .map(
                            a ->
                                Opening.of(
                                    Subject.of(SUBJECT, a.id()),
                                    Owner.role(Role.AUDITOR),
                                    a.place(),
                                    a.title()))
                        .toList()))
        .mapEmpty();
  }

  public Future<Integer> runNow() {
    return run(clock.instant());
  }

  /** Reviewers see their region's alerts; auditors, the united front and admins all. */
  public static String scope(CurrentUser user) {
    return user.role() == Role.REVIEWER ? user.regionId() : null;
  }

  public Future<Page<Alert>> list(SupervisionRepository.Filter f, Paging paging) {
    return repo.list(pool, f, paging);
  }

  public Future<List<Alert>> all(SupervisionRepository.Filter f, int limit) {
    return repo.all(pool, f, limit);
  }

  /** Open alerts by county, after running the rules (what the dashboard shows). */
  public Future<List<SupervisionRepository.CountyCount>> byCounty(CurrentUser user) {
    return runNow().compose(n -> repo.byCounty(pool, scope(user)));
  }

  /** An auditor explains or closes an open alert with a note. */
  public Future<Alert> resolve(CurrentUser user, long id, Alert.Status status, String note) {
    if (status == Alert.Status.OPEN) {
      throw DomainException.invalid(
          "status",
          "not_allowed",
          "must be explained or closed",
          java.util.Map.of("allowed", "explained, closed"));
    }
    return pool.withTransaction(
            tx ->
                repo.lock(tx, id)
                    .compose(
                        found -> {
                          Alert.Status was =
                              found.orElseThrow(() -> DomainException.notFound("alert " + id));
                          if (was != Alert.Status.OPEN) {
                            throw DomainException.conflict(
                                "alert_not_open",
                                "alert " + id + " is " + was.wire(),
                                DomainException.params("status", was.wire()));
                          }
                          return repo.resolve(tx, id, status, note, user.id(), clock.instant())
                              .compose(
                                  v ->
                                      engine.meet(
                                          tx, DeadlineKind.ALERT_HANDLE, Subject.of(SUBJECT, id)))
                              .compose(
                                  v ->
                                      audit.append(
                                          tx,
                                          user,
                                          "alert",
                                          id,
                                          status.wire(),
                                          new JsonObject().put("status", "open"),
                                          new JsonObject()
                                              .put("status", status.wire())
                                              .put("note", note)));
                        }))
        .compose(v -> repo.find(pool, id))
        .map(o -> o.orElseThrow());
  }
}
