package org.bangfu.support;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Rows mapped once into records, as repositories return them. */
public final class Rows {

  private Rows() {}

  /** The first row mapped, or empty when there is none. */
  public static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> map) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(map.apply(it.next())) : Optional.empty();
  }

  /** Every row mapped, in order. */
  public static <T> List<T> all(RowSet<Row> rows, Function<Row, T> map) {
    List<T> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(map.apply(r)));
    return List.copyOf(out);
  }
}
