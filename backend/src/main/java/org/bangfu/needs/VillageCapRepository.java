package org.bangfu.needs;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.bangfu.support.Rows;

/** Reading a village's caps (setting them is the ledger's: it moves a counter). */
public final class VillageCapRepository {
  static final String LIST =
      "SELECT unit, max, allocated FROM village_caps WHERE village_id = $1 ORDER BY unit";

  Future<List<VillageCap>> list(SqlClient sql, String villageId) {
    return sql.preparedQuery(LIST)
        .execute(Tuple.of(villageId))
        .map(rows -> Rows.all(rows, VillageCapRepository::cap));
  }

  static VillageCap cap(Row r) {
    return new VillageCap(r.getString("unit"), r.getLong("max"), r.getLong("allocated"));
  }
}
