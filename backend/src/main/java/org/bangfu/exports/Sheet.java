package org.bangfu.exports;

import java.util.List;

/**
 * One table to download: a sheet name, Chinese column names and rows of cells (String, Number,
 * Boolean or null). Built from the same filtered queries as the lists on screen.
 */
public record Sheet(String name, List<String> columns, List<List<Object>> rows) {
  public Sheet {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }
}
