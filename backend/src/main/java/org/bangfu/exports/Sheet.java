package org.bangfu.exports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bangfu.privacy.PublicText;

/**
 * One table to download: a sheet name, Chinese column names and rows of cells (String, Number,
 * Boolean or null). Built from the same filtered queries as the lists on screen. Every text cell
 * passes the one privacy filter ({@link PublicText}): a download leaves the system, so no ID
 * number, phone, bank account or health detail typed into a title or a note goes with it.
 */
public record Sheet(String name, List<String> columns, List<List<Object>> rows) {
  public Sheet {
    columns = List.copyOf(columns);
    rows = rows.stream().map(Sheet::scrubbed).toList();
  }

  private static List<Object> scrubbed(List<Object> row) {
    List<Object> out = new ArrayList<>(row.size());
    for (Object cell : row) {
      out.add(cell instanceof String s ? PublicText.scrub(s) : cell);
    }
    return Collections.unmodifiableList(out);
  }
}
