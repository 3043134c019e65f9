package org.bangfu.subjects;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.allocations.NeedStatus;
import org.bangfu.support.Rows;

/**
 * All SQL of the report subjects' search: public needs, verified allocations and the donors named
 * on the public board, found by words in their names (or their number). $1 the words as a LIKE
 * pattern, $2 the words as typed, $3 how many.
 */
public final class SubjectRepository {

  /** The village, its township and county, for a record's place. */
  static final String PLACE =
      " JOIN regions v ON v.id = n.village_id LEFT JOIN regions t ON t.id = v.parent_id"
          + " LEFT JOIN regions c ON c.id = t.parent_id ";

  static final String NEEDS =
      "SELECT n.id, n.title, n.priority, n.category, v.name AS village_name,"
          + " t.name AS township_name, c.name AS county_name FROM needs n"
          + PLACE
          + "WHERE n.status IN "
          + NeedStatus.PUBLIC_SQL
          + " AND (n.title LIKE $1 ESCAPE '\\' OR v.name LIKE $1 ESCAPE '\\' OR n.id::text = $2)"
          + " ORDER BY n.id::text = $2 DESC, n.title = $2 DESC, n.priority DESC, n.id DESC LIMIT $3";

  static final String ALLOCATIONS =
      "SELECT a.id, n.title, d.name AS donor_name, a.unit, a.quantity, a.verified_at,"
          + " v.name AS village_name, t.name AS township_name, c.name AS county_name"
          + " FROM allocations a JOIN needs n ON n.id = a.need_id"
          + " JOIN pledges p ON p.id = a.pledge_id JOIN donors d ON d.id = p.donor_id"
          + PLACE
          + "WHERE a.status = 'verified'"
          + " AND (n.title LIKE $1 ESCAPE '\\' OR v.name LIKE $1 ESCAPE '\\'"
          + " OR d.name LIKE $1 ESCAPE '\\' OR a.id::text = $2)"
          + " ORDER BY a.id::text = $2 DESC, a.verified_at DESC, a.id DESC LIMIT $3";

  /** Donors the public board names: those with a verified allocation. */
  static final String DONORS =
      """
      SELECT d.id, d.name, d.type FROM donors d
       WHERE (d.name LIKE $1 ESCAPE '\\' OR d.id::text = $2)
         AND EXISTS (SELECT 1 FROM pledges p JOIN allocations a ON a.pledge_id = p.id
                      WHERE p.donor_id = d.id AND a.status = 'verified')
       ORDER BY d.id::text = $2 DESC, d.name = $2 DESC, d.name LIKE $2 || '%' DESC, d.id LIMIT $3""";

  public Future<List<ReportSubject>> needs(SqlClient db, String words, int limit) {
    return db.preparedQuery(NEEDS)
        .execute(args(words, limit))
        .map(rows -> Rows.all(rows, SubjectRepository::need));
  }

  public Future<List<ReportSubject>> allocations(SqlClient db, String words, int limit) {
    return db.preparedQuery(ALLOCATIONS)
        .execute(args(words, limit))
        .map(rows -> Rows.all(rows, SubjectRepository::allocation));
  }

  public Future<List<ReportSubject>> donors(SqlClient db, String words, int limit) {
    return db.preparedQuery(DONORS)
        .execute(args(words, limit))
        .map(rows -> Rows.all(rows, SubjectRepository::donor));
  }

  /** The words as a LIKE pattern (their own %, _ and \ taken literally), as typed, the limit. */
  private static Tuple args(String words, int limit) {
    String like = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return Tuple.of("%" + like + "%", words, limit);
  }

  private static List<String> place(Row r) {
    List<String> path = new ArrayList<>();
    for (String name :
        new String[] {
          r.getString("county_name"), r.getString("township_name"), r.getString("village_name")
        }) {
      if (name != null) {
        path.add(name);
      }
    }
    return path;
  }

  private static ReportSubject need(Row r) {
    return new ReportSubject(
        "need",
        String.valueOf(r.getLong("id")),
        r.getString("title"),
        place(r),
        r.getInteger("priority"),
        r.getString("category"),
        null,
        null,
        null,
        null,
        null);
  }

  private static ReportSubject allocation(Row r) {
    return new ReportSubject(
        "allocation",
        String.valueOf(r.getLong("id")),
        r.getString("title"),
        place(r),
        null,
        null,
        r.getString("donor_name"),
        null,
        r.getString("unit"),
        r.getLong("quantity"),
        r.getOffsetDateTime("verified_at"));
  }

  private static ReportSubject donor(Row r) {
    return new ReportSubject(
        "donor",
        String.valueOf(r.getLong("id")),
        r.getString("name"),
        List.of(),
        null,
        null,
        null,
        r.getString("type"),
        null,
        null,
        null);
  }
}
