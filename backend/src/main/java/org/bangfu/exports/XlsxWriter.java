package org.bangfu.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes a {@link Sheet} as an .xlsx workbook with fastexcel's streaming writer: each row is
 * flushed to {@code out} as it is written, so a workbook never sits whole in memory. Blocking: call
 * it on a worker thread.
 */
public final class XlsxWriter {
  static final int FLUSH_EVERY = 500;

  private XlsxWriter() {}

  public static void write(Sheet sheet, OutputStream out) throws IOException {
    Workbook wb = new Workbook(out, "Bangfu", "1.0");
    Worksheet ws = wb.newWorksheet(sheet.name());
    List<String> columns = sheet.columns();
    for (int c = 0; c < columns.size(); c++) {
      ws.value(0, c, columns.get(c));
      ws.style(0, c).bold().fillColor("DDEBF7").set();
      ws.width(c, Math.max(10, Math.min(40, columns.get(c).length() * 3 + 4)));
    }
    ws.freezePane(0, 1);
    int r = 1;
    for (List<Object> row : sheet.rows()) {
      for (int c = 0; c < row.size(); c++) {
        Object v = row.get(c);
        if (v instanceof Number n) {
          ws.value(r, c, n);
        } else if (v instanceof Boolean b) {
          ws.value(r, c, b);
        } else if (v != null) {
          ws.value(r, c, v.toString());
        }
      }
      if (r % FLUSH_EVERY == 0) {
        ws.flush();
      }
      r++;
    }
    ws.finish();
    wb.finish();
  }
}
