package org.bangfu.allocations;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.auth.CurrentUser;
import org.bangfu.db.Listing;
import org.bangfu.matching.model.Affinity;
import org.bangfu.matching.model.Reason;
import org.bangfu.support.FileContent;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;
import org.bangfu.support.Rows;

/**
 * The SQL of allocations that is not the ledger's: reading them (one with its history and evidence,
 * lists scoped to who is asking), their evidence, and what ties a donor to places.
 */
public final class AllocationRepository {
  static final String COLUMNS =
      """
      SELECT a.id, a.need_id, n.title AS need_title, n.village_id, v.name AS village_name, n.category,
             a.pledge_id, p.donor_id, d.name AS donor_name, a.unit, a.quantity, a.reasons, a.source,
             a.round_id, a.status, a.created_at, a.updated_at,
             CASE WHEN a.status = 'delivered' THEN
               (SELECT CASE WHEN h.step = 'returned' THEN h.note END FROM allocation_history h
                 WHERE h.allocation_id = a.id ORDER BY h.id DESC LIMIT 1) END AS returned_reason,
             CASE WHEN a.status = 'verified' THEN
               (SELECT nt.window_ends_at FROM notices nt
                 WHERE nt.kind = 'allocation_verified' AND nt.subject_type = 'allocation'
                   AND nt.subject_id = a.id::text AND nt.corrected_at IS NULL AND nt.status <> 'closed'
                 ORDER BY nt.id DESC LIMIT 1) END AS revocable_until\
      """;

  /** The joins of an allocation list (exports reuse them with their own columns). */
  public static final String FROM =
      """
      FROM allocations a
        JOIN needs n ON n.id = a.need_id
        JOIN regions v ON v.id = n.village_id
        JOIN pledges p ON p.id = a.pledge_id
        JOIN donors d ON d.id = p.donor_id\
      """;

  static final String SELECT = COLUMNS + " " + FROM;
  static final String HISTORY =
      """
      SELECT h.status, h.at, u.username AS by_name, h.note, h.step FROM allocation_history h
        LEFT JOIN users u ON u.id = h.by_user WHERE h.allocation_id = $1 ORDER BY h.id\
      """;
  static final String EVIDENCE =
      """
      SELECT n, stage, note, name, content_type, size, created_at FROM allocation_evidence
       WHERE allocation_id = $1 ORDER BY n\
      """;

  /** The detail of many allocations at once (a batch of claims answers its donors with them). */
  static final String HISTORY_OF_MANY =
      """
      SELECT h.allocation_id, h.status, h.at, u.username AS by_name, h.note, h.step FROM allocation_history h
        LEFT JOIN users u ON u.id = h.by_user WHERE h.allocation_id = ANY($1) ORDER BY h.allocation_id, h.id\
      """;

  static final String EVIDENCE_OF_MANY =
      """
      SELECT allocation_id, n, stage, note, name, content_type, size, created_at FROM allocation_evidence
       WHERE allocation_id = ANY($1) ORDER BY allocation_id, n\
      """;
  static final String LATEST_EXCEPTIONS =
      "SELECT DISTINCT ON (allocation_id) allocation_id, kind, reason, at FROM verification_exceptions"
          + " WHERE allocation_id = ANY($1) ORDER BY allocation_id, id DESC";

  static final String EVIDENCE_FILE =
      "SELECT name, content_type, data, note FROM allocation_evidence WHERE allocation_id = $1 AND"
          + " n = $2";
  static final String ADD_EVIDENCE =
      """
      INSERT INTO allocation_evidence (allocation_id, n, stage, note, name, content_type, size, data, by_user)
      VALUES ($1, (SELECT coalesce(max(n), 0) + 1 FROM allocation_evidence WHERE allocation_id = $1),
              $2, $3, $4, $5, $6, $7, $8)\
      """;

  /** Whether the receipt carries a file (a note alone is no receipt evidence). */
  static final String HAS_RECEIPT_FILE =
      "SELECT EXISTS (SELECT 1 FROM allocation_evidence WHERE allocation_id = $1 AND stage ="
          + " 'received' AND data IS NOT NULL) AS found";

  static final String ADD_EXCEPTION =
      "INSERT INTO verification_exceptions (allocation_id, kind, reason, by_user) VALUES ($1, $2,"
          + " $3, $4)";
  static final String LATEST_EXCEPTION =
      "SELECT kind, reason, at FROM verification_exceptions WHERE allocation_id = $1 ORDER BY id"
          + " DESC LIMIT 1";
  static final String DONOR_TIES =
      """
      SELECT d.home_county, d.hometown_county, d.hometown_township, d.hometown_village,
             ARRAY(SELECT DISTINCT cp.village_id FROM campaign_pairings cp WHERE cp.donor_id = d.id) AS paired_villages,
             ARRAY(SELECT CASE WHEN pr.from_id = d.home_county THEN pr.to_id ELSE pr.from_id END
                     FROM region_pairings pr
                    WHERE pr.kind = 'mountain_sea' AND d.home_county IN (pr.from_id, pr.to_id)) AS paired_counties
        FROM donors d WHERE d.id = $1\
      """;
  static final String NEED_PLACE =
      "SELECT village_id, region_township(village_id) AS township, "
          + "region_county(village_id) AS county FROM needs WHERE id = $1";

  /** The places of many needs, for a batch of claims (each row keyed by the need's id). */
  static final String NEED_PLACES =
      "SELECT id, village_id, region_township(village_id) AS township, "
          + "region_county(village_id) AS county FROM needs WHERE id = ANY($1)";

  /** The ties of many donors, for a batch of claims (each row keyed by the donor's id). */
  static final String DONORS_TIES =
      DONOR_TIES
          .replace("SELECT d.home_county", "SELECT d.id, d.home_county")
          .replace("WHERE d.id = $1", "WHERE d.id = ANY($1)");

  /**
   * The ties of the donor {@code donorParam} (a parameter such as {@code $1}) joined to another
   * query's rows as the columns {@code ties_of} (the donor's id, null if there is no such donor)
   * and those {@link #tiesOf} reads: a need's page for a donor in one statement, not two.
   */
  public static String tiesJoin(String donorParam) {
    return " LEFT JOIN LATERAL ("
        + DONOR_TIES
            .replace("SELECT d.home_county", "SELECT d.id AS ties_of, d.home_county")
            .replace("WHERE d.id = $1", "WHERE d.id = " + donorParam)
        + ") ties ON true";
  }

  /**
   * The columns of {@link #tiesJoin}, the first ({@code ties_of}) at {@code first}: the donor's
   * ties, {@code null} if there is no such donor.
   */
  public static Affinity.Ties tiesOf(Row r, int first) {
    return r.getLong(first) == null ? null : ties(r, first + 1);
  }

  /** An attachment (or a note) of a receipt, with its bytes. */
  public record EvidenceFile(String name, String contentType, Buffer data, String note) {}

  /** The query filters of a list of allocations (each optional). */
  public record Filter(
      AllocationStatus status,
      Long needId,
      Long pledgeId,
      Long donorId,
      Long roundId,
      String villageId) {}

  /**
   * Narrows a listing to the allocations a user may see: a donor its own, a secretary its
   * village's, a reviewer its region's. Static: a pure clause builder, which the exports reuse.
   */
  public static Listing scope(CurrentUser user, Listing list) {
    return switch (user.role()) {
      case DONOR -> list.where("p.donor_id = $?", user.donorId());
      case VILLAGE_SECRETARY -> list.where("n.village_id = $?", user.villageId());
      case REVIEWER -> list.where("region_contains($?, n.village_id)", user.regionId());
      default -> list;
    };
  }

  Future<Page<Allocation>> list(SqlClient sql, CurrentUser user, Filter f, Paging paging) {
    Listing list = scope(user, new Listing());
    if (f.status() != null) {
      list.where("a.status = $?", f.status().wire());
    }
    if (f.needId() != null) {
      list.where("a.need_id = $?", f.needId());
    }
    if (f.pledgeId() != null) {
      list.where("a.pledge_id = $?", f.pledgeId());
    }
    if (f.donorId() != null) {
      list.where("p.donor_id = $?", f.donorId());
    }
    if (f.roundId() != null) {
      list.where("a.round_id = $?", f.roundId());
    }
    if (f.villageId() != null) {
      list.where("n.village_id = $?", f.villageId());
    }
    return list.page(sql, COLUMNS, FROM, "a.id DESC", paging, AllocationRepository::allocation);
  }

  /** Whether the user may see the allocation (a user who may not does not even learn it exists). */
  Future<Boolean> visible(SqlClient sql, CurrentUser user, long id) {
    Listing only = scope(user, new Listing().where("a.id = $?", id));
    return sql.preparedQuery("SELECT 1 " + FROM + only.clause())
        .execute(only.args())
        .map(rows -> rows.size() > 0);
  }

  /**
   * The first $2 allocations of round $1, by need and pledge: the round's own rows are read first
   * (its index) and the first $2 of them taken before anything is joined, whatever the planner
   * believes of the round's size. Just after a national round commits, its 401,890 rows are not yet
   * in the table's statistics: the plan then joined every one of them to its need, village, pledge
   * and donor before sorting (6-21 s in the statement log, the first time the round's page is asked
   * for; 0.3 s once the statistics know them). OFFSET 0 keeps the round's rows a query of their
   * own.
   */
  static final String OF_ROUND =
      SELECT
          + """
           WHERE a.id IN (SELECT r.id FROM (SELECT id, need_id, pledge_id FROM allocations
                                             WHERE round_id = $1 OFFSET 0) r
                           ORDER BY r.need_id, r.pledge_id LIMIT $2)
           ORDER BY a.need_id, a.pledge_id\
          """;

  /** The first {@code limit} allocations of a round, by need and pledge ({@link #OF_ROUND}). */
  public Future<List<Allocation>> ofRound(SqlClient sql, long roundId, int limit) {
    return sql.preparedQuery(OF_ROUND)
        .execute(Tuple.of(roundId, limit))
        .map(rows -> Rows.all(rows, AllocationRepository::allocation));
  }

  /**
   * The deadline openings of a round's proposals ($7 the round, $8 the subject type), as the
   * deadline engine's openSelected queries answer them: one per donor with proposals of the round
   * still proposed, about {@code round_proposals_subject(round, donor)}, titled by the round's id
   * (the inbox words it), owned by the donor, in no one place (its proposals lie in many villages);
   * all are due at $6. In the donors' order.
   */
  static final String ROUND_PROPOSAL_OPENINGS =
      """
      SELECT $8::text, round_proposals_subject($7, p.donor_id), $7::bigint::text, 'donor',
             NULL::text, NULL::text, p.donor_id, NULL::bigint, NULL::text, $6::timestamptz,
             NULL::text, NULL::int, NULL::text
        FROM allocations a JOIN pledges p ON p.id = a.pledge_id
       WHERE a.round_id = $7 AND a.status = 'proposed'
       GROUP BY p.donor_id
       ORDER BY p.donor_id\
      """;

  /** {@link #ROUND_PROPOSAL_OPENINGS}, for the deadline engine (the SQL stays here). */
  public static String roundProposalOpenings() {
    return ROUND_PROPOSAL_OPENINGS;
  }

  /**
   * The round-and-donor subjects of the proposals {@code $3} (ids), as their deadlines name them.
   */
  static final String ROUND_PROPOSALS_OF =
      """
      SELECT round_proposals_subject(a.round_id, p.donor_id)
        FROM allocations a JOIN pledges p ON p.id = a.pledge_id
       WHERE a.id = ANY($3::bigint[]) AND a.round_id IS NOT NULL\
      """;

  /** {@link #ROUND_PROPOSALS_OF}, for the deadline engine. */
  public static String roundProposalsOf() {
    return ROUND_PROPOSALS_OF;
  }

  /** One allocation with its history and evidence; {@code null} when there is none. */
  public Future<Allocation> one(SqlClient sql, long id) {
    return sql.preparedQuery(SELECT + " WHERE a.id = $1")
        .execute(Tuple.of(id))
        .compose(
            rows ->
                rows.size() == 0
                    ? Future.succeededFuture(null)
                    : withDetail(sql, allocation(rows.iterator().next())));
  }

  /**
   * Many allocations with their detail, as {@link #one} answers each, in four statements sent
   * together whatever their number (pipelined when sql is a connection); keyed by id.
   */
  public Future<Map<Long, Allocation>> many(SqlClient sql, Long[] ids) {
    Tuple args = Tuple.of((Object) ids);
    Future<RowSet<Row>> rows = sql.preparedQuery(SELECT + " WHERE a.id = ANY($1)").execute(args);
    Future<RowSet<Row>> history = sql.preparedQuery(HISTORY_OF_MANY).execute(args);
    Future<RowSet<Row>> evidence = sql.preparedQuery(EVIDENCE_OF_MANY).execute(args);
    Future<RowSet<Row>> exceptions = sql.preparedQuery(LATEST_EXCEPTIONS).execute(args);
    return Future.all(rows, history, evidence, exceptions)
        .map(
            all ->
                withDetails(
                    rows.result(), history.result(), evidence.result(), exceptions.result()));
  }

  private static Map<Long, Allocation> withDetails(
      RowSet<Row> rows, RowSet<Row> history, RowSet<Row> evidence, RowSet<Row> exceptions) {
    Map<Long, List<Allocation.Step>> steps = new HashMap<>();
    history.forEach(
        h ->
            steps.computeIfAbsent(h.getLong("allocation_id"), k -> new ArrayList<>()).add(step(h)));
    Map<Long, List<Allocation.Evidence>> files = new HashMap<>();
    evidence.forEach(
        e ->
            files
                .computeIfAbsent(e.getLong("allocation_id"), k -> new ArrayList<>())
                .add(evidence(e)));
    Map<Long, Allocation.Exception> latest = new HashMap<>();
    exceptions.forEach(x -> latest.put(x.getLong("allocation_id"), exception(x)));
    Map<Long, Allocation> out = new HashMap<>();
    rows.forEach(
        r -> {
          Allocation a = allocation(r);
          out.put(
              a.id(),
              a.withDetail(
                  steps.getOrDefault(a.id(), List.of()),
                  files.getOrDefault(a.id(), List.of()),
                  latest.get(a.id())));
        });
    return out;
  }

  /**
   * The allocation with its history, its evidence and its latest verification exception (three
   * statements, in that order).
   */
  private Future<Allocation> withDetail(SqlClient sql, Allocation a) {
    return sql.preparedQuery(HISTORY)
        .execute(Tuple.of(a.id()))
        .map(rows -> Rows.all(rows, AllocationRepository::step))
        .compose(
            history ->
                sql.preparedQuery(EVIDENCE)
                    .execute(Tuple.of(a.id()))
                    .map(rows -> Rows.all(rows, AllocationRepository::evidence))
                    .compose(
                        evidence ->
                            latestException(sql, a.id())
                                .map(x -> a.withDetail(history, evidence, x))));
  }

  private Future<Allocation.Exception> latestException(SqlClient sql, long id) {
    return sql.preparedQuery(LATEST_EXCEPTION)
        .execute(Tuple.of(id))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return null;
              }
              return exception(rows.iterator().next());
            });
  }

  private static Allocation.Exception exception(Row r) {
    return new Allocation.Exception(
        r.getString("kind"), r.getString("reason"), r.getOffsetDateTime("at"));
  }

  /** Whether the allocation's receipt carries at least one file. */
  Future<Boolean> hasReceiptFile(SqlClient sql, long id) {
    return sql.preparedQuery(HAS_RECEIPT_FILE)
        .execute(Tuple.of(id))
        .map(rows -> rows.iterator().next().getBoolean("found"));
  }

  /** Records why a verification rests on no receipt file. */
  Future<Void> addException(SqlClient sql, long id, VerificationException x, Long byUser) {
    return sql.preparedQuery(ADD_EXCEPTION)
        .execute(Tuple.of(id, x.kind(), x.reason(), byUser))
        .mapEmpty();
  }

  Future<EvidenceFile> evidenceFile(SqlClient sql, long id, int n) {
    return sql.preparedQuery(EVIDENCE_FILE)
        .execute(Tuple.of(id, n))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return null;
              }
              Row r = rows.iterator().next();
              return new EvidenceFile(
                  r.getString("name"),
                  r.getString("content_type"),
                  r.getBuffer("data"),
                  r.getString("note"));
            });
  }

  Future<Void> addNote(SqlClient sql, long id, AllocationStatus stage, String note, Long byUser) {
    return sql.preparedQuery(ADD_EVIDENCE)
        .execute(Tuple.from(new Object[] {id, stage.wire(), note, null, null, null, null, byUser}))
        .mapEmpty();
  }

  Future<Void> addFile(SqlClient sql, long id, AllocationStatus stage, FileContent f, Long byUser) {
    return sql.preparedQuery(ADD_EVIDENCE)
        .execute(
            Tuple.from(
                new Object[] {
                  id,
                  stage.wire(),
                  null,
                  f.name(),
                  f.contentType(),
                  f.data().length,
                  Buffer.buffer(f.data()),
                  byUser
                }))
        .mapEmpty();
  }

  /** Why a donor suits a need: the affinity rule of the matching module ({@link Affinity}). */
  public Future<List<Reason>> reasonsFor(SqlClient sql, long needId, long donorId) {
    // both reads go out together (pipelined when sql is a connection)
    Future<RowSet<Row>> places = sql.preparedQuery(NEED_PLACE).execute(Tuple.of(needId));
    Future<Affinity.Ties> ties = ties(sql, donorId);
    return Future.all(places, ties)
        .map(all -> reasons(place(places.result().iterator().next()), ties.result()));
  }

  /** Why a donor with these ties suits a need in this place; none for a donor unknown. */
  public static List<Reason> reasons(Affinity.Place place, Affinity.Ties ties) {
    return ties == null ? List.of() : Affinity.reasons(place, ties);
  }

  /** The places of the needs, keyed by need (a need that does not exist is absent). */
  public Future<Map<Long, Affinity.Place>> places(SqlClient sql, Long[] needIds) {
    return sql.preparedQuery(NEED_PLACES)
        .execute(Tuple.of((Object) needIds))
        .map(
            rows -> {
              Map<Long, Affinity.Place> out = new HashMap<>();
              rows.forEach(r -> out.put(r.getLong("id"), place(r)));
              return out;
            });
  }

  /** The ties of the donors, keyed by donor (a donor that does not exist is absent). */
  public Future<Map<Long, Affinity.Ties>> ties(SqlClient sql, Long[] donorIds) {
    return sql.preparedQuery(DONORS_TIES)
        .execute(Tuple.of((Object) donorIds))
        .map(
            rows -> {
              Map<Long, Affinity.Ties> out = new HashMap<>();
              rows.forEach(r -> out.put(r.getLong(0), ties(r, 1)));
              return out;
            });
  }

  private static Affinity.Place place(Row n) {
    return new Affinity.Place(
        n.getString("village_id"), n.getString("township"), n.getString("county"));
  }

  /**
   * What ties a donor to places (home, hometown, paired villages and counties); {@code null} if no
   * such donor.
   */
  public Future<Affinity.Ties> ties(SqlClient sql, long donorId) {
    return sql.preparedQuery(DONOR_TIES)
        .execute(Tuple.of(donorId))
        .map(rows -> rows.size() == 0 ? null : ties(rows.iterator().next(), 0));
  }

  /**
   * A donor's ties from the columns of {@link #DONOR_TIES}'s select list, the first at {@code
   * first}: read by position, as a need's page for a donor reads them on every visit (finding a
   * column by its name cost a hash and a search of the row's names each time); {@code
   * TiesColumnsTest} holds the select list to {@link #TIES_COLUMNS}.
   */
  private static Affinity.Ties ties(Row d, int first) {
    return new Affinity.Ties(
        d.getString(first),
        d.getString(first + 1),
        d.getString(first + 2),
        d.getString(first + 3),
        set(d.getArrayOfStrings(first + 4)),
        set(d.getArrayOfStrings(first + 5)));
  }

  /**
   * The names of {@link #DONOR_TIES}'s columns, in the order {@link #ties(Row, int)} reads them.
   */
  static final List<String> TIES_COLUMNS =
      List.of(
          "home_county",
          "hometown_county",
          "hometown_township",
          "hometown_village",
          "paired_villages",
          "paired_counties");

  static Allocation allocation(Row r) {
    return new Allocation(
        r.getLong("id"),
        r.getLong("need_id"),
        r.getString("need_title"),
        r.getString("village_id"),
        r.getString("village_name"),
        r.getString("category"),
        r.getLong("pledge_id"),
        r.getLong("donor_id"),
        r.getString("donor_name"),
        r.getString("unit"),
        r.getLong("quantity"),
        List.of(r.getArrayOfStrings("reasons")),
        r.getString("source"),
        r.getLong("round_id"),
        AllocationStatus.of(r.getString("status")),
        r.getOffsetDateTime("created_at"),
        r.getOffsetDateTime("updated_at"),
        r.getString("returned_reason"),
        r.getOffsetDateTime("revocable_until"),
        null,
        null,
        null);
  }

  static Allocation.Step step(Row h) {
    return new Allocation.Step(
        h.getString("status"),
        h.getOffsetDateTime("at"),
        h.getString("by_name"),
        h.getString("note"),
        h.getString("step"));
  }

  static Allocation.Evidence evidence(Row e) {
    return new Allocation.Evidence(
        e.getInteger("n"),
        e.getString("stage"),
        e.getString("note"),
        e.getString("name"),
        e.getString("content_type"),
        e.getInteger("size"),
        e.getOffsetDateTime("created_at"));
  }

  /**
   * The values as the set the ties keep: an unmodifiable copy, which {@link Affinity.Ties} keeps as
   * it is (a modifiable set it copies again).
   */
  private static Set<String> set(String[] values) {
    return values == null ? Set.of() : Set.copyOf(Arrays.asList(values));
  }
}
