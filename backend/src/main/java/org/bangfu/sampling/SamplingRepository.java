package org.bangfu.sampling;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bangfu.db.Listing;
import org.bangfu.deadlines.DeadlineRepository;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/** All SQL of proof of delivery by sample: the frames, the samples, the checks. */
public final class SamplingRepository {

  static final String MONTH_DRAWN =
      "SELECT 1 FROM delivery_samples WHERE kind = 'month' AND period = $1";
  static final String MONTH_FRAME =
      "SELECT id FROM allocations WHERE status = 'verified' AND verified_at >= $1 AND verified_at < $2"
          + " ORDER BY id";

  /**
   * Done rounds without a sample whose allocations are settled (none between proposed and
   * received), or that finished 90 days before {@code $1}.
   */
  static final String ROUNDS_DUE =
      "SELECT r.id FROM match_rounds r WHERE r.status = 'done' AND NOT EXISTS (SELECT 1 FROM delivery_samples s "
          + "WHERE s.kind = 'round' AND s.round_id = r.id) AND (r.finished_at <= $1::timestamptz - interval '90 days' "
          + "OR NOT EXISTS (SELECT 1 FROM allocations a WHERE a.round_id = r.id "
          + "AND a.status IN ('proposed', 'confirmed', 'delivered', 'received'))) ORDER BY r.id";

  static final String ROUND_FRAME =
      "SELECT id FROM allocations WHERE round_id = $1 AND status = 'verified' ORDER BY id";

  static final String INSERT_SAMPLE =
      "INSERT INTO delivery_samples (kind, period, round_id, frame_from, frame_until, population, size, seed, "
          + "confidence, margin, drawn_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
          + "ON CONFLICT (kind, period) DO NOTHING RETURNING id";

  /** The drawn allocations with their township and county ($2 ids, $3 ranks). */
  static final String INSERT_CHECKS =
      "INSERT INTO delivery_checks (sample_id, allocation_id, township_id, county_id, rank) "
          + "SELECT $1, d.id, v.parent_id, region_county(n.village_id), d.rank "
          + "FROM unnest($2::bigint[], $3::int[]) AS d(id, rank) JOIN allocations a ON a.id = d.id "
          + "JOIN needs n ON n.id = a.need_id JOIN regions v ON v.id = n.village_id";

  /** A sample's checks as the deadline engine opens them: whose desk, where, what. */
  static final String CHECKS_TO_ANSWER =
      "SELECT c.id, c.township_id, n.village_id, n.title FROM delivery_checks c "
          + "JOIN allocations a ON a.id = c.allocation_id JOIN needs n ON n.id = a.need_id "
          + "WHERE c.sample_id = $1 ORDER BY c.rank";

  static final String SAMPLE_COLUMNS =
      "SELECT s.id, s.kind, s.period, s.round_id, s.frame_from, s.frame_until, s.population, s.size, s.seed, "
          + "s.confidence::float8 AS confidence, s.margin::float8 AS margin, s.drawn_at, "
          + "(SELECT count(*) FROM delivery_checks c WHERE c.sample_id = s.id AND c.status <> 'pending') AS checked, "
          + "(SELECT count(*) FROM delivery_checks c WHERE c.sample_id = s.id AND c.status = 'received') AS received, "
          + "(SELECT count(*) FROM delivery_checks c WHERE c.sample_id = s.id AND c.status = 'problems') AS problems, "
          + "(SELECT count(*) FROM delivery_checks c WHERE c.sample_id = s.id AND c.status = 'not_received') AS not_received";
  static final String SAMPLE_FROM = "FROM delivery_samples s";

  /** Every answer so far, for the published received rate. */
  static final String ALL_COUNTS =
      "SELECT count(*) FILTER (WHERE status <> 'pending') AS checked, "
          + "count(*) FILTER (WHERE status = 'received') AS received, "
          + "count(*) FILTER (WHERE status = 'problems') AS problems, "
          + "count(*) FILTER (WHERE status = 'not_received') AS not_received, "
          + "(SELECT coalesce(sum(population), 0) FROM delivery_samples) AS population FROM delivery_checks";

  /** What the deadlines of sample checks are about (the deadline engine's subject type). */
  static final String CHECK_SUBJECT = "delivery_check";

  static final String CHECK_COLUMNS =
      "SELECT c.id, c.sample_id, s.period, c.rank, c.allocation_id, n.title, n.village_id, v.name AS village_name, "
          + "c.township_id, c.county_id, co.name AS county_name, d.name AS donor_name, a.unit, a.quantity, "
          + "a.verified_at, c.status, c.note, u.username AS answered_by, c.answered_at, c.report_id, "
          + DeadlineRepository.openDueAt(CHECK_SUBJECT, "c.id");
  static final String CHECK_FROM =
      "FROM delivery_checks c JOIN delivery_samples s ON s.id = c.sample_id "
          + "JOIN allocations a ON a.id = c.allocation_id JOIN needs n ON n.id = a.need_id "
          + "JOIN regions v ON v.id = n.village_id LEFT JOIN regions co ON co.id = c.county_id "
          + "JOIN pledges p ON p.id = a.pledge_id JOIN donors d ON d.id = p.donor_id "
          + "LEFT JOIN users u ON u.id = c.answered_by";
  static final String CHECK_COUNT_FROM =
      "FROM delivery_checks c JOIN allocations a ON a.id = c.allocation_id JOIN needs n ON n.id = a.need_id";

  /** The check's row alone, locked while it is answered (a check is answered once). */
  static final String LOCK_CHECK =
      "SELECT id, status FROM delivery_checks WHERE id = $1 FOR UPDATE";

  /** Who verified the allocation: they may not confirm their own verification. */
  static final String VERIFIER =
      "SELECT by_user FROM allocation_history WHERE allocation_id = $1 AND status = 'verified' "
          + "ORDER BY id DESC LIMIT 1";

  static final String ANSWER =
      "UPDATE delivery_checks SET status = $2, note = $3, answered_by = $4, answered_at = $5, report_id = $6 "
          + "WHERE id = $1 AND status = 'pending'";

  /** A check's filters (each optional); {@code region}: only villages in it. */
  public record Filter(String status, Long sampleId, String region, Long allocationId) {}

  static OffsetDateTime at(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }

  public Future<Boolean> monthDrawn(SqlClient db, String period) {
    return db.preparedQuery(MONTH_DRAWN).execute(Tuple.of(period)).map(rows -> rows.size() > 0);
  }

  public Future<List<Long>> monthFrame(SqlClient db, Instant from, Instant until) {
    return db.preparedQuery(MONTH_FRAME)
        .execute(Tuple.of(at(from), at(until)))
        .map(SamplingRepository::ids);
  }

  public Future<List<Long>> roundsDue(SqlClient db, Instant now) {
    return db.preparedQuery(ROUNDS_DUE).execute(Tuple.of(at(now))).map(SamplingRepository::ids);
  }

  public Future<List<Long>> roundFrame(SqlClient db, long roundId) {
    return db.preparedQuery(ROUND_FRAME).execute(Tuple.of(roundId)).map(SamplingRepository::ids);
  }

  /**
   * A sample to insert; {@code frameFrom}/{@code frameUntil} for a month, {@code roundId} for a
   * round.
   */
  public record NewSample(
      String kind,
      String period,
      Long roundId,
      Instant frameFrom,
      Instant frameUntil,
      int population,
      String seed,
      Instant drawnAt,
      List<Long> drawn) {}

  /** Inserts the sample and its checks; empty when another node drew it first. */
  public Future<Optional<Long>> insert(SqlClient db, NewSample s) {
    Tuple t =
        Tuple.of(
                s.kind(), s.period(), s.roundId(), s.frameFrom() == null ? null : at(s.frameFrom()))
            .addValue(s.frameUntil() == null ? null : at(s.frameUntil()))
            .addValue(s.population())
            .addValue(s.drawn().size())
            .addValue(s.seed())
            .addValue(SampleSize.CONFIDENCE)
            .addValue(SampleSize.MARGIN)
            .addValue(at(s.drawnAt()));
    return db.preparedQuery(INSERT_SAMPLE)
        .execute(t)
        .compose(
            rows -> {
              if (rows.size() == 0) {
                return Future.succeededFuture(Optional.<Long>empty());
              }
              long id = rows.iterator().next().getLong(0);
              return insertChecks(db, id, s.drawn()).map(v -> Optional.of(id));
            });
  }

  private Future<Void> insertChecks(SqlClient db, long sampleId, List<Long> drawn) {
    if (drawn.isEmpty()) {
      return Future.succeededFuture();
    }
    Long[] ids = drawn.toArray(Long[]::new);
    Integer[] ranks = new Integer[ids.length];
    for (int i = 0; i < ranks.length; i++) {
      ranks[i] = i + 1;
    }
    return db.preparedQuery(INSERT_CHECKS)
        .execute(Tuple.tuple().addLong(sampleId).addArrayOfLong(ids).addArrayOfInteger(ranks))
        .mapEmpty();
  }

  /** A check to answer: its id, the township whose reviewers answer it, the village, the need. */
  public record CheckToAnswer(long id, String townshipId, String villageId, String needTitle) {}

  public Future<List<CheckToAnswer>> checksToAnswer(SqlClient db, long sampleId) {
    return db.preparedQuery(CHECKS_TO_ANSWER)
        .execute(Tuple.of(sampleId))
        .map(
            rows -> {
              List<CheckToAnswer> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(
                    new CheckToAnswer(
                        r.getLong("id"),
                        r.getString("township_id"),
                        r.getString("village_id"),
                        r.getString("title")));
              }
              return out;
            });
  }

  public Future<Page<DeliverySample>> samples(SqlClient db, Paging paging) {
    return new Listing()
        .page(
            db,
            SAMPLE_COLUMNS,
            SAMPLE_FROM,
            SAMPLE_FROM,
            "s.drawn_at DESC, s.id DESC",
            paging,
            SamplingRepository::sample);
  }

  public Future<Optional<DeliverySample>> sample(SqlClient db, long id) {
    return db.preparedQuery(SAMPLE_COLUMNS + " " + SAMPLE_FROM + " WHERE s.id = $1")
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(sample(rows.iterator().next())));
  }

  /** Every answer so far, and the populations they were drawn from. */
  public Future<Totals> totals(SqlClient db) {
    return db.query(ALL_COUNTS)
        .execute()
        .map(
            rows -> {
              Row r = rows.iterator().next();
              return new Totals(
                  new DeliverySample.Counts(
                      r.getLong("checked"),
                      r.getLong("received"),
                      r.getLong("problems"),
                      r.getLong("not_received")),
                  r.getLong("population"));
            });
  }

  /** What every sample's checks found, and the allocations their frames held. */
  public record Totals(DeliverySample.Counts counts, long population) {}

  public Future<Page<DeliveryCheck>> checks(SqlClient db, Filter f, Paging paging) {
    Listing list = new Listing();
    if (f.status() != null) {
      list.where("c.status = $?", f.status());
    }
    if (f.sampleId() != null) {
      list.where("c.sample_id = $?", f.sampleId());
    }
    if (f.allocationId() != null) {
      list.where("c.allocation_id = $?", f.allocationId());
    }
    if (f.region() != null) {
      list.where("region_contains($?, n.village_id)", f.region());
    }
    String order = f.sampleId() != null ? "c.rank" : "c.id DESC";
    return list.page(
        db, CHECK_COLUMNS, CHECK_FROM, CHECK_COUNT_FROM, order, paging, SamplingRepository::check);
  }

  public Future<Optional<DeliveryCheck>> check(SqlClient db, long id) {
    return db.preparedQuery(CHECK_COLUMNS + " " + CHECK_FROM + " WHERE c.id = $1")
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(check(rows.iterator().next())));
  }

  /** Locks the check's row; its status, empty when there is no such check. */
  public Future<Optional<String>> lock(SqlClient db, long id) {
    return db.preparedQuery(LOCK_CHECK)
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getString("status")));
  }

  public Future<Optional<Long>> verifier(SqlClient db, long allocationId) {
    return db.preparedQuery(VERIFIER)
        .execute(Tuple.of(allocationId))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.ofNullable(rows.iterator().next().getLong(0)));
  }

  /** A check's answer; {@code reportId} for "not received". */
  public record Answer(String status, String note, long by, Instant at, Long reportId) {}

  public Future<Boolean> answer(SqlClient db, long id, Answer a) {
    return db.preparedQuery(ANSWER)
        .execute(Tuple.of(id, a.status(), a.note(), a.by(), at(a.at()), a.reportId()))
        .map(rows -> rows.rowCount() == 1);
  }

  private static List<Long> ids(RowSet<Row> rows) {
    List<Long> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.getLong(0)));
    return out;
  }

  static DeliverySample sample(Row r) {
    return new DeliverySample(
        r.getLong("id"),
        r.getString("kind"),
        r.getString("period"),
        r.getLong("round_id"),
        r.getOffsetDateTime("frame_from"),
        r.getOffsetDateTime("frame_until"),
        r.getInteger("population"),
        r.getInteger("size"),
        r.getString("seed"),
        r.getDouble("confidence"),
        r.getDouble("margin"),
        r.getOffsetDateTime("drawn_at"),
        new DeliverySample.Counts(
            r.getLong("checked"),
            r.getLong("received"),
            r.getLong("problems"),
            r.getLong("not_received")));
  }

  static DeliveryCheck check(Row r) {
    return new DeliveryCheck(
        r.getLong("id"),
        r.getLong("sample_id"),
        r.getString("period"),
        r.getInteger("rank"),
        r.getLong("allocation_id"),
        r.getString("title"),
        r.getString("village_id"),
        r.getString("village_name"),
        r.getString("township_id"),
        r.getString("county_id"),
        r.getString("county_name"),
        r.getString("donor_name"),
        r.getString("unit"),
        r.getLong("quantity"),
        r.getOffsetDateTime("verified_at"),
        r.getString("status"),
        r.getString("note"),
        r.getString("answered_by"),
        r.getOffsetDateTime("answered_at"),
        r.getLong("report_id"),
        r.getOffsetDateTime("due_at"));
  }
}
