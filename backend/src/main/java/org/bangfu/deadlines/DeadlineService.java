package org.bangfu.deadlines;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bangfu.audit.AuditLog;

/**
 * The deadline job's work at an instant ({@link DeadlineJob}): the sweeps open what time brings,
 * open deadlines whose window is 75 % gone turn amber, and each late one turns red and is escalated
 * — exactly once, whatever the number of runners: the job runs on the node holding the scheduler
 * lock, and each change is a conditional UPDATE that a second runner, waiting for the row, finds
 * done. An escalation goes where its kind's {@link Escalation} says (one level up unless told
 * otherwise), the workflow records it, and the audit trail has a row of it, in one transaction.
 */
public final class DeadlineService {
  /** Deadlines turned or escalated per statement; the rest wait for the next run. */
  static final int BATCH = 1_000;

  private final Pool pool;
  private final Deadlines deadlines;
  private final DeadlineRepository repo;
  private final Map<DeadlineKind, Escalation> escalations;
  private final List<Sweep> sweeps;

  public DeadlineService(
      Pool pool,
      Deadlines deadlines,
      DeadlineRepository repo,
      Map<DeadlineKind, Escalation> escalations,
      List<Sweep> sweeps) {
    this.pool = pool;
    this.deadlines = deadlines;
    this.repo = repo;
    this.escalations =
        escalations.isEmpty() ? new EnumMap<>(DeadlineKind.class) : new EnumMap<>(escalations);
    this.sweeps = List.copyOf(sweeps);
  }

  /** One run at {@code now}: sweeps, amber, escalation; answers how many deadlines changed. */
  public Future<Integer> advance(Instant now) {
    Future<Integer> total = Future.succeededFuture(0);
    for (Sweep s : sweeps) {
      total =
          total.compose(n -> pool.withTransaction(tx -> s.run(tx, deadlines, now)).map(m -> n + m));
    }
    return total
        .compose(n -> pool.withTransaction(tx -> repo.turnAmber(tx, now, BATCH)).map(m -> n + m))
        .compose(n -> escalate(now).map(m -> n + m));
  }

  /** Claims the late deadlines not yet escalated and escalates each; answers how many. */
  Future<Integer> escalate(Instant now) {
    return pool.withTransaction(
        tx ->
            repo.escalate(tx, now, BATCH)
                .compose(claimed -> escalateEach(tx, claimed, now).map(claimed.size())));
  }

  private Future<Void> escalateEach(SqlConnection tx, List<Deadline> claimed, Instant now) {
    List<Owner> targets = new ArrayList<>();
    Future<Void> chosen = Future.succeededFuture();
    for (Deadline d : claimed) {
      chosen = chosen.compose(v -> escalation(d).to(tx, d).map(to -> add(targets, to)));
    }
    return chosen
        .compose(v -> repo.setTargets(tx, claimed.stream().map(Deadline::id).toList(), targets))
        .compose(v -> recordEach(tx, claimed, targets, now));
  }

  private static Void add(List<Owner> targets, Owner to) {
    targets.add(to);
    return null;
  }

  /** Each workflow's own record of its escalation, then the audit row of each. */
  private Future<Void> recordEach(
      SqlConnection tx, List<Deadline> claimed, List<Owner> targets, Instant now) {
    Future<Void> done = Future.succeededFuture();
    for (int i = 0; i < claimed.size(); i++) {
      Deadline d = claimed.get(i);
      Owner to = targets.get(i);
      done = done.compose(v -> escalation(d).then(tx, d, to, now)).compose(v -> audit(tx, d, to));
    }
    return done;
  }

  private static Future<Void> audit(SqlConnection tx, Deadline d, Owner to) {
    return AuditLog.append(
        tx,
        null,
        "deadline",
        d.id(),
        "escalate",
        new JsonObject().put("level", d.escalationLevel() - 1),
        new JsonObject()
            .put("kind", d.kind())
            .put("subject", d.subject().toString())
            .put("dueAt", d.dueAt().toInstant().toString())
            .put("level", d.escalationLevel())
            .put("toRole", to.role().wire())
            .put("toRegion", to.regionId()));
  }

  private Escalation escalation(Deadline d) {
    return DeadlineKind.fromWire(d.kind())
        .map(k -> escalations.getOrDefault(k, Escalation.ONE_LEVEL_UP))
        .orElse(Escalation.ONE_LEVEL_UP);
  }
}
