package org.bangfu.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** What the token check reads of an account: whether it is active, and its token version. */
public final class AccountRepository {

  static final String CURRENT = "SELECT active, token_version FROM users WHERE id = $1";

  /** The account's state read at {@code readAt}; inactive with version -1 when it is gone. */
  public Future<AccountCheck.State> state(SqlClient sql, long userId, long readAt) {
    return sql.preparedQuery(CURRENT)
        .execute(Tuple.of(userId))
        .map(
            rows -> {
              var it = rows.iterator();
              Row row = it.hasNext() ? it.next() : null;
              return row == null
                  ? new AccountCheck.State(false, -1, readAt)
                  : new AccountCheck.State(
                      Boolean.TRUE.equals(row.getBoolean("active")),
                      row.getInteger("token_version"),
                      readAt);
            });
  }
}
