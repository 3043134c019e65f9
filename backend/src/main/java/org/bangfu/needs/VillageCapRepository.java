package org.bangfu.needs;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Reading a village's caps (setting them is the ledger's: it moves a counter). */
final class VillageCapRepository {
  static final String LIST =
      "SELECT unit, max, allocated FROM village_caps WHERE village_id = $1 ORDER BY unit";

  private VillageCapRepository() {}

  static Future<List<VillageCap>> list(SqlClient sql, String villageId) {
    return sql.preparedQuery(LIST)
        .execute(Tuple.of(villageId))
        .map(
            rows -> {
              List<VillageCap> out = new ArrayList<>();
              rows.forEach(
                  r ->
                      out.add(
                          new VillageCap(
                              r.getString("unit"), r.getLong("max"), r.getLong("allocated"))));
              return out;
            });
  }
}
