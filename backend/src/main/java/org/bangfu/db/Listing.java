package org.bangfu.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * A paged list query as repositories run it: conditions collected with their parameters ({@code $?}
 * in a condition becomes the next {@code $n}), one count and one page query, rows mapped once.
 * Values are always bound parameters, never pasted into the SQL.
 */
public final class Listing {
  private final List<String> conditions = new ArrayList<>();
  private final List<Object> args = new ArrayList<>();

  /** Adds a condition; every {@code $?} in it stands for {@code value}. */
  public Listing where(String condition, Object value) {
    args.add(value);
    conditions.add(condition.replace("$?", "$" + args.size()));
    return this;
  }

  /** Adds a condition without parameters. */
  public Listing where(String condition) {
    conditions.add(condition);
    return this;
  }

  /** The parameter number the next value will get (for conditions built by hand). */
  public String next(Object value) {
    args.add(value);
    return "$" + args.size();
  }

  /** A LIKE pattern for "contains {@code text}", with LIKE's own characters escaped. */
  public static String contains(String text) {
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  public String clause() {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  public Tuple args() {
    return Tuple.from(args);
  }

  /**
   * Counts are exact up to this many rows; beyond, a page says {@code total} = this and {@code
   * totalCapped} = true. Counting every match of a national list (a million needs) costs far more
   * than the page itself (the board's joins: about 0.1 ms a row), and nobody pages through more
   * than 50 pages of 20; filters narrow a list instead.
   */
  public static final int COUNT_CAP = 1_000;

  /**
   * Runs {@code SELECT count(*) FROM (SELECT 1 FROM <from> <where> LIMIT cap + 1)} and {@code
   * <select> <from> <where> <order> LIMIT OFFSET}, mapping each row with {@code map}.
   */
  public <T> Future<Page<T>> page(
      SqlClient sql,
      String select,
      String from,
      String order,
      Paging paging,
      Function<Row, T> map) {
    return page(sql, select, from, from, order, paging, map);
  }

  /**
   * As {@link #page(SqlClient, String, String, String, Paging, Function)}, counting over {@code
   * countFrom}: the tables the conditions need, without the joins that only add columns to show (a
   * national list's count reads up to 1,001 rows; every join per row counts).
   */
  public <T> Future<Page<T>> page(
      SqlClient sql,
      String select,
      String from,
      String countFrom,
      String order,
      Paging paging,
      Function<Row, T> map) {
    String where = clause();
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(paging.size());
    pageArgs.add(paging.offset());
    String pageSql =
        select
            + " "
            + from
            + where
            + " ORDER BY "
            + order
            + " LIMIT $"
            + (pageArgs.size() - 1)
            + " OFFSET $"
            + pageArgs.size();
    String countSql =
        "SELECT count(*) FROM (SELECT 1 "
            + countFrom
            + where
            + " LIMIT "
            + (COUNT_CAP + 1)
            + ") capped";
    return sql.preparedQuery(countSql)
        .execute(args())
        .compose(
            count ->
                sql.preparedQuery(pageSql)
                    .execute(Tuple.from(pageArgs))
                    .map(
                        rows -> {
                          List<T> items = new ArrayList<>();
                          rows.forEach(r -> items.add(map.apply(r)));
                          long total = count.iterator().next().getLong(0);
                          return new Page<>(
                              items,
                              Math.min(total, COUNT_CAP),
                              paging.page(),
                              paging.size(),
                              total > COUNT_CAP);
                        }));
  }
}
