package org.bangfu.notifications;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * All SQL of the notification centre: the notifications of a reader derived from allocations, needs
 * and pairing requests ($2 donor, $3 village, $4 reviewer's region, $5 pairings, each null/false
 * when not the reader's), and the read marks ($1 the user).
 */
public final class NotificationRepository {
  static final String DERIVED =
      """
      WITH n AS (
        SELECT 'proposal:' || a.id AS key, 'proposal' AS kind, a.created_at AS at, a.id AS ref, nd.title,
               v.name AS village_name, a.unit::text AS unit, a.quantity
          FROM allocations a JOIN pledges p ON p.id = a.pledge_id JOIN needs nd ON nd.id = a.need_id
          JOIN regions v ON v.id = nd.village_id
         WHERE p.donor_id = $2::bigint AND a.status = 'proposed'
        UNION ALL
        SELECT 'delivered:' || a.id, 'delivered', coalesce(a.delivered_at, a.updated_at), a.id, nd.title, v.name, a.unit::text,
               a.quantity
          FROM allocations a JOIN needs nd ON nd.id = a.need_id JOIN regions v ON v.id = nd.village_id
         WHERE nd.village_id = $3::text AND a.status = 'delivered'
        UNION ALL
        SELECT 'review:' || nd.id, 'review', nd.updated_at, nd.id, nd.title, v.name, nd.unit::text, nd.quantity
          FROM needs nd JOIN regions v ON v.id = nd.village_id
         WHERE $4::text IS NOT NULL AND nd.status = 'submitted' AND region_contains($4::text, nd.village_id)
        UNION ALL
        SELECT 'verify:' || a.id, 'verify', coalesce(a.received_at, a.updated_at), a.id, nd.title, v.name, a.unit::text,
               a.quantity
          FROM allocations a JOIN needs nd ON nd.id = a.need_id JOIN regions v ON v.id = nd.village_id
         WHERE $4::text IS NOT NULL AND a.status = 'received' AND region_contains($4::text, nd.village_id)
        UNION ALL
        SELECT 'pairing:' || q.id, 'pairing', q.requested_at, q.id, d.name, v.name, NULL, NULL
          FROM campaign_pairing_requests q JOIN donors d ON d.id = q.donor_id JOIN regions v ON v.id = q.village_id
         WHERE $5::boolean AND q.status = 'pending'
      ), m AS (
        SELECT n.*, EXISTS (SELECT 1 FROM notification_reads r WHERE r.user_id = $1 AND r.key = n.key) AS read FROM n
      )
      """;
  static final String LIST = DERIVED + "SELECT * FROM m ORDER BY read, at DESC, key LIMIT $6";
  static final String COUNT =
      DERIVED + "SELECT count(*) AS total, count(*) FILTER (WHERE NOT read) AS unread FROM m";
  static final String MARK =
      """
      INSERT INTO notification_reads (user_id, key, read_at) SELECT $1, k, $3 FROM unnest($2::text[]) k
      ON CONFLICT DO NOTHING""";
  static final String MARK_ALL =
      DERIVED
          + """
      INSERT INTO notification_reads (user_id, key, read_at) SELECT $1, key, $6 FROM m WHERE NOT read
      ON CONFLICT DO NOTHING""";

  private static Tuple reader(Notification.Reader r, Object last) {
    return Tuple.from(
        new Object[] {
          r.userId(), r.donorId(), r.villageId(), r.reviewRegion(), r.pairings(), last
        });
  }

  Future<List<Notification>> list(SqlClient db, Notification.Reader r, int limit) {
    return db.preparedQuery(LIST)
        .execute(reader(r, limit))
        .map(
            rows -> {
              List<Notification> out = new ArrayList<>();
              rows.forEach(row -> out.add(map(row)));
              return out;
            });
  }

  /** How many notifications a reader has and how many of them are unread. */
  record Counts(long total, long unread) {}

  Future<Counts> count(SqlClient db, Notification.Reader r) {
    return db.preparedQuery(COUNT)
        .execute(Tuple.of(r.userId(), r.donorId(), r.villageId(), r.reviewRegion(), r.pairings()))
        .map(
            rows -> {
              Row row = rows.iterator().next();
              return new Counts(row.getLong("total"), row.getLong("unread"));
            });
  }

  Future<Integer> mark(SqlClient db, long userId, List<String> keys, OffsetDateTime at) {
    return db.preparedQuery(MARK)
        .execute(Tuple.of(userId, keys.toArray(new String[0]), at))
        .map(rows -> rows.rowCount());
  }

  Future<Integer> markAll(SqlClient db, Notification.Reader r, OffsetDateTime at) {
    return db.preparedQuery(MARK_ALL).execute(reader(r, at)).map(rows -> rows.rowCount());
  }

  static Notification map(Row r) {
    return new Notification(
        r.getString("key"),
        Notification.Kind.fromWire(r.getString("kind")),
        r.getOffsetDateTime("at"),
        r.getLong("ref"),
        r.getString("title"),
        r.getString("village_name"),
        r.getString("unit"),
        r.getLong("quantity"),
        r.getBoolean("read"));
  }
}
