package org.bangfu.keys;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys an earlier version kept in the database (table {@code app_secrets}): read once at start
 * to move them to the key files, then deleted.
 */
public final class KeyRepository {
  static final String SELECT_ROWS = "SELECT name, value FROM app_secrets WHERE name = ANY($1)";
  static final String DELETE_ROW = "DELETE FROM app_secrets WHERE name = $1 AND value = $2";

  /** The stored keys of these names, by name. */
  public Future<Map<String, String>> stored(SqlClient sql, List<String> names) {
    return sql.preparedQuery(SELECT_ROWS)
        .execute(Tuple.of(names.toArray(new String[0])))
        .map(
            rows -> {
              Map<String, String> found = new HashMap<>();
              for (Row r : rows) {
                found.put(r.getString("name"), r.getString("value"));
              }
              return found;
            });
  }

  /** Deletes the stored key if it still holds {@code value}; whether it did. */
  public Future<Boolean> delete(SqlClient sql, String name, String value) {
    return sql.preparedQuery(DELETE_ROW).execute(Tuple.of(name, value)).map(r -> r.rowCount() > 0);
  }
}
