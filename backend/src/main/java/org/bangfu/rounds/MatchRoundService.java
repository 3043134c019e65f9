package org.bangfu.rounds;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bangfu.allocations.Ledger;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.CurrentUser;
import org.bangfu.support.DomainException;
import org.bangfu.matching.AllocationEngine;
import org.bangfu.matching.model.Allocation;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Result;
import org.bangfu.pledges.Expiry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A match round (撮合): build the problem from the database, solve it off the event loop,
 * then in one transaction re-lock every need and pledge it touches, re-check what is left
 * (claims may have happened while the engine ran), write the proposed allocations with their
 * reasons and the round's summary.
 *
 * <p>The lock that allows one round at a time is a row: the unique partial index
 * {@code match_rounds_one_running} admits a single {@code running} round, on every node of a
 * cluster. A round abandoned by a crashed node is failed after {@link #STALE_MINUTES}.
 */
public final class MatchRoundService {
    private static final Logger LOG = LoggerFactory.getLogger(MatchRoundService.class);
    static final int STALE_MINUTES = 15;
    static final String FAIL_STALE = "UPDATE match_rounds SET status = 'failed', finished_at = now(), "
            + "error = 'abandoned' WHERE status = 'running' AND started_at < now() - make_interval(mins => $1)";
    static final String START = "INSERT INTO match_rounds (campaign_id, round_date, status, started_by) "
            + "VALUES ($1, $2, 'running', $3) RETURNING id";
    static final String FAIL = "UPDATE match_rounds SET status = 'failed', finished_at = now(), error = $2 "
            + "WHERE id = $1 AND status = 'running'";
    static final String FINISH = """
            UPDATE match_rounds SET status = 'done', finished_at = clock_timestamp(), objective = $2, allocation_count = $3,
                   amount_proposed = $4, needs_touched = $5, pledges_touched = $6 WHERE id = $1""";
    static final String LOCK_NEEDS = "SELECT id, village_id, unit, quantity - allocated AS room, status FROM needs "
            + "WHERE id = ANY($1) ORDER BY id FOR UPDATE";
    static final String LOCK_PLEDGES = "SELECT id, quantity - allocated AS room, status, max_per_need, donor_id FROM pledges "
            + "WHERE id = ANY($1) ORDER BY id FOR UPDATE";
    static final String LOCK_CAPS = "SELECT village_id, unit, max - allocated AS room FROM village_caps "
            + "WHERE village_id = ANY($1) ORDER BY village_id, unit FOR UPDATE";
    static final String GIVEN = "SELECT need_id, pledge_id, sum(quantity) AS given FROM allocations "
            + "WHERE pledge_id = ANY($1) AND status IN " + Ledger.ACTIVE_STATUSES + " GROUP BY need_id, pledge_id";

    private static final AllocationEngine ENGINE = new AllocationEngine();

    private final Vertx vertx;
    private final Pool pool;

    public MatchRoundService(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
    }

    /** Runs a round on {@code date} (default today: past deadlines and expiries take no part). */
    public Future<Long> run(CurrentUser user, Long campaignId, LocalDate requested) {
        LocalDate date = requested == null ? LocalDate.now() : requested;
        return pool.preparedQuery(FAIL_STALE).execute(Tuple.of(STALE_MINUTES))
                .compose(v -> pool.preparedQuery(START).execute(Tuple.of(campaignId, date, user.id())))
                .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
                        ? DomainException.conflict("a match round is already running; try again when it is done") : e))
                .map(rows -> rows.iterator().next().getLong("id"))
                .compose(id -> solveAndWrite(user, id, campaignId, date)
                        .recover(e -> {
                            LOG.warn("match round {} failed: {}", id, e.toString());
                            String why = e instanceof DomainException api ? api.getMessage() : e.getClass().getSimpleName();
                            return pool.preparedQuery(FAIL).execute(Tuple.of(id, why)).compose(v -> Future.failedFuture(e));
                        })
                        .map(id));
    }

    private Future<Void> solveAndWrite(CurrentUser user, long roundId, Long campaignId, LocalDate date) {
        LocalDate today = LocalDate.now();
        return Expiry.run(pool, today)
                .compose(v -> ProblemBuilder.build(pool, campaignId, date))
                // the engine is CPU work: never on the event loop
                .compose(problem -> vertx.executeBlocking(() -> ENGINE.solve(problem), false)
                        .compose(result -> pool.withTransaction(tx -> write(tx, user, roundId, problem, result))));
    }

    private Future<Void> write(SqlConnection tx, CurrentUser user, long roundId, Problem problem, Result result) {
        List<Allocation> proposed = result.allocations();
        Long[] needIds = proposed.stream().map(a -> Long.parseLong(a.need())).distinct().sorted().toArray(Long[]::new);
        Long[] pledgeIds = proposed.stream().map(a -> Long.parseLong(a.pledge())).distinct().sorted().toArray(Long[]::new);
        Map<Long, Row> needs = new HashMap<>();
        Map<Long, Row> pledges = new HashMap<>();
        Map<String, Long> capRoom = new HashMap<>();
        Map<String, Long> given = new HashMap<>();
        return tx.preparedQuery(LOCK_NEEDS).execute(Tuple.of(needIds))
                .compose(rows -> {
                    rows.forEach(r -> needs.put(r.getLong("id"), r));
                    return tx.preparedQuery(LOCK_PLEDGES).execute(Tuple.of(pledgeIds));
                })
                .compose(rows -> {
                    rows.forEach(r -> pledges.put(r.getLong("id"), r));
                    String[] villages = needs.values().stream().map(r -> r.getString("village_id")).distinct()
                            .sorted().toArray(String[]::new);
                    return tx.preparedQuery(LOCK_CAPS).execute(Tuple.of(villages));
                })
                .compose(rows -> {
                    rows.forEach(r -> capRoom.put(r.getString("village_id") + "\u0000" + r.getString("unit"), r.getLong("room")));
                    return tx.preparedQuery(GIVEN).execute(Tuple.of(pledgeIds));
                })
                .compose(rows -> {
                    rows.forEach(r -> given.put(r.getLong("need_id") + ":" + r.getLong("pledge_id"), r.getLong("given")));
                    List<Planned> plan = clip(proposed, needs, pledges, capRoom, given);
                    return writePlan(tx, user, roundId, result, plan);
                });
    }

    /** One allocation that survives the re-check under the locks, with its final quantity. */
    record Planned(long need, long pledge, String village, String unit, long quantity, List<String> reasons) {
    }

    /**
     * Claims may have taken from the same needs and pledges while the engine ran: each proposed
     * quantity is cut to what is still left of the need, the pledge, the village cap and the
     * pledge's per-need maximum. (Usually nothing is cut; the round is then the optimum.)
     */
    static List<Planned> clip(List<Allocation> proposed, Map<Long, Row> needs, Map<Long, Row> pledges,
                              Map<String, Long> capRoom, Map<String, Long> given) {
        Map<Long, Long> needLeft = new HashMap<>();
        Map<Long, Long> pledgeLeft = new HashMap<>();
        needs.forEach((id, r) -> needLeft.put(id, Set.of("published", "partly_allocated").contains(r.getString("status"))
                ? r.getLong("room") : 0L));
        pledges.forEach((id, r) -> pledgeLeft.put(id, r.getString("status").equals("open") ? r.getLong("room") : 0L));
        List<Planned> plan = new ArrayList<>();
        for (Allocation a : proposed) {
            long n = Long.parseLong(a.need());
            long p = Long.parseLong(a.pledge());
            Row need = needs.get(n);
            Row pledge = pledges.get(p);
            if (need == null || pledge == null) {
                continue;
            }
            String capKey = need.getString("village_id") + "\u0000" + need.getString("unit");
            long cut = Math.min(a.quantity(), Math.min(needLeft.get(n), pledgeLeft.get(p)));
            cut = Math.min(cut, capRoom.getOrDefault(capKey, Long.MAX_VALUE));
            Long max = pledge.getLong("max_per_need");
            if (max != null) {
                cut = Math.min(cut, max - given.getOrDefault(n + ":" + p, 0L));
            }
            final long q = cut;
            if (q <= 0) {
                continue;
            }
            needLeft.merge(n, -q, Long::sum);
            pledgeLeft.merge(p, -q, Long::sum);
            capRoom.computeIfPresent(capKey, (k, room) -> room - q);
            plan.add(new Planned(n, p, need.getString("village_id"), need.getString("unit"), q, a.reasons()));
        }
        return plan;
    }

    /**
     * Writes the surviving proposals in a handful of statements, whatever their number: the
     * allocations and their history in batches, each kind of counter in one UPDATE, the statuses
     * refreshed once, then the audit rows (last: the audit trigger serialises appends).
     */
    private Future<Void> writePlan(SqlConnection tx, CurrentUser user, long roundId, Result result, List<Planned> plan) {
        Map<String, Long> amount = new TreeMap<>();
        Map<Long, Long> byNeed = new TreeMap<>();
        Map<Long, Long> byPledge = new TreeMap<>();
        Map<List<String>, Long> byCap = new HashMap<>();
        List<Tuple> rows = new ArrayList<>();
        for (Planned a : plan) {
            amount.merge(a.unit(), a.quantity(), Long::sum);
            byNeed.merge(a.need(), a.quantity(), Long::sum);
            byPledge.merge(a.pledge(), a.quantity(), Long::sum);
            byCap.merge(List.of(a.village(), a.unit()), a.quantity(), Long::sum);
            rows.add(Tuple.from(new Object[] {a.need(), a.pledge(), roundId, "round", a.unit(), a.quantity(),
                    a.reasons().toArray(String[]::new), "proposed"}));
        }
        JsonObject amounts = new JsonObject();
        amount.forEach(amounts::put);
        Future<Void> written = plan.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(Ledger.INSERT_ALLOCATION)
                .executeBatch(rows)
                .compose(inserted -> {
                    List<Long> ids = new ArrayList<>();
                    for (RowSet<Row> rs = inserted; rs != null; rs = rs.next()) {
                        rs.forEach(r -> ids.add(r.getLong("id")));
                    }
                    List<Tuple> history = new ArrayList<>();
                    List<Tuple> audit = new ArrayList<>();
                    for (int k = 0; k < ids.size(); k++) {
                        Planned a = plan.get(k);
                        history.add(Tuple.of(ids.get(k), "proposed", user.id(), null));
                        audit.add(Tuple.of(user.id(), user.username(), user.role().wire(), "allocation", String.valueOf(ids.get(k)),
                                "propose", null, new JsonObject().put("needId", a.need()).put("pledgeId", a.pledge())
                                        .put("quantity", a.quantity()).put("status", "proposed").put("roundId", roundId)));
                    }
                    return tx.preparedQuery(Ledger.INSERT_HISTORY).executeBatch(history)
                            .compose(v -> move(tx, byNeed, byPledge, byCap))
                            .compose(v -> tx.preparedQuery(AuditLog.INSERT).executeBatch(audit))
                            .mapEmpty();
                });
        return written
                .compose(v -> tx.preparedQuery(FINISH).execute(Tuple.from(new Object[] {roundId, result.objective(),
                        plan.size(), amounts, byNeed.size(), byPledge.size()})))
                .compose(v -> AuditLog.append(tx, user, "match_round", roundId, "run", null, new JsonObject()
                        .put("objective", result.objective()).put("allocationCount", plan.size())
                        .put("amountProposed", amounts)));
    }

    /** One UPDATE per kind of counter, then the needs' and pledges' statuses follow their counters. */
    private static Future<Void> move(SqlConnection tx, Map<Long, Long> byNeed, Map<Long, Long> byPledge,
                                     Map<List<String>, Long> byCap) {
        Long[] needIds = byNeed.keySet().toArray(Long[]::new);
        Long[] pledgeIds = byPledge.keySet().toArray(Long[]::new);
        String[] capVillages = byCap.keySet().stream().map(k -> k.get(0)).toArray(String[]::new);
        String[] capUnits = byCap.keySet().stream().map(k -> k.get(1)).toArray(String[]::new);
        Long[] capQuantities = byCap.keySet().stream().map(byCap::get).toArray(Long[]::new);
        // Tuple.from(Object[]): Tuple.of(array, array) would spread the second array as varargs
        return tx.preparedQuery(Ledger.MOVE_NEEDS).execute(Tuple.from(new Object[] {needIds,
                        byNeed.values().toArray(Long[]::new)}))
                .compose(v -> tx.preparedQuery(Ledger.MOVE_PLEDGES).execute(Tuple.from(new Object[] {pledgeIds,
                        byPledge.values().toArray(Long[]::new)})))
                .compose(v -> tx.preparedQuery(Ledger.MOVE_CAPS).execute(Tuple.from(new Object[] {capVillages, capUnits,
                        capQuantities})))
                .compose(v -> tx.preparedQuery(Ledger.REFRESH_NEEDS).execute(Tuple.of((Object) needIds)))
                .compose(v -> tx.preparedQuery(Ledger.REFRESH_PLEDGES).execute(Tuple.of((Object) pledgeIds)))
                .mapEmpty();
    }

}
