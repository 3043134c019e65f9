package org.bangfu.signin;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;

/** The sign-in counts (table login_throttle): one statement per attempt, one per success. */
public final class SignInRepository {

  /**
   * Counts one attempt for the account ($1) and the address ($2) at instant $3 and returns both
   * counts. A row starts afresh when its lock is over or, unlocked, when its window is over; the
   * attempt that reaches the scope's limit ($4 account, $5 address) locks it until $3 + $7 s.
   */
  static final String ATTEMPT =
      """
      INSERT INTO login_throttle AS t (scope, key, failures, window_start, locked_until)
      VALUES ('account', $1, 1, $3, NULL), ('address', $2, 1, $3, NULL)
      ON CONFLICT (scope, key) DO UPDATE SET
        failures = CASE WHEN (t.locked_until IS NOT NULL AND t.locked_until <= $3)
                          OR (t.locked_until IS NULL AND t.window_start <= $3 - make_interval(secs => $6::int))
                        THEN 1 ELSE t.failures + 1 END,
        window_start = CASE WHEN (t.locked_until IS NOT NULL AND t.locked_until <= $3)
                              OR (t.locked_until IS NULL AND t.window_start <= $3 - make_interval(secs => $6::int))
                            THEN $3 ELSE t.window_start END,
        locked_until = CASE WHEN (t.locked_until IS NOT NULL AND t.locked_until <= $3)
                              OR (t.locked_until IS NULL AND t.window_start <= $3 - make_interval(secs => $6::int))
                            THEN NULL
                            WHEN t.locked_until IS NOT NULL THEN t.locked_until
                            WHEN t.failures + 1 >= CASE t.scope WHEN 'account' THEN $4::int ELSE $5::int END
                            THEN $3 + make_interval(secs => $7::int)
                            ELSE NULL END
      RETURNING scope, failures, locked_until""";

  /**
   * A success: the account starts afresh; the address gets this attempt back (and no lock from it).
   */
  static final String SUCCEEDED =
      """
      WITH account AS (DELETE FROM login_throttle WHERE scope = 'account' AND key = $1)
      UPDATE login_throttle SET failures = greatest(failures - 1, 0), locked_until = NULL
       WHERE scope = 'address' AND key = $2 AND failures <= $3""";

  /** Counts this attempt for both the account and the address, in one statement. */
  public Future<Throttle.Attempt> attempt(
      SqlClient sql, String username, String address, OffsetDateTime now) {
    return sql.preparedQuery(ATTEMPT)
        .execute(
            Tuple.from(
                new Object[] {
                  username,
                  address,
                  now,
                  Throttle.ACCOUNT_LIMITS.lockAfter(),
                  Throttle.ADDRESS_LIMITS.lockAfter(),
                  (int) Throttle.WINDOW.toSeconds(),
                  (int) Throttle.LOCK.toSeconds()
                }))
        .map(SignInRepository::attempt);
  }

  private static Throttle.Attempt attempt(RowSet<Row> rows) {
    int account = 0;
    int address = 0;
    OffsetDateTime locked = null;
    for (Row r : rows) {
      if ("account".equals(r.getString("scope"))) {
        account = r.getInteger("failures");
      } else {
        address = r.getInteger("failures");
      }
      OffsetDateTime until = r.getOffsetDateTime("locked_until");
      if (until != null && (locked == null || until.isAfter(locked))) {
        locked = until;
      }
    }
    return new Throttle.Attempt(account, address, locked);
  }

  /** The password was right: clear the account's count, give the address its attempt back. */
  public Future<Void> succeeded(SqlClient sql, String username, String address) {
    return sql.preparedQuery(SUCCEEDED)
        .execute(Tuple.of(username, address, Throttle.ADDRESS_LIMITS.lockAfter()))
        .mapEmpty();
  }
}
