package org.bangfu.inspections;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The 整改情况 report as an .xlsx: a sheet of per-county numbers and a sheet of the findings. Blocking
 * (builds the file in memory): run it on a worker thread.
 */
public final class RectificationWorkbook {
  private RectificationWorkbook() {}

  public static byte[] write(RectificationReport r) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Workbook wb = new Workbook(out, "Bangfu", "1.0");
      Worksheet sum = wb.newWorksheet("整改情况");
      sum.value(0, 0, r.inspection().title());
      sum.style(0, 0).bold().set();
      sum.value(1, 0, "督查期间");
      sum.value(1, 1, r.inspection().periodFrom() + " — " + r.inspection().periodTo());
      String[] head = {"县（市、区）", "代码", "问题数", "按期整改", "逾期整改", "未整改", "其中逾期"};
      for (int c = 0; c < head.length; c++) {
        sum.value(3, c, head[c]);
        sum.style(3, c).bold().set();
      }
      int row = 4;
      for (RectificationReport.CountyLine l : r.counties()) {
        line(sum, row++, l.countyName() == null ? "其他" : l.countyName(), l.countyId(), l);
      }
      line(sum, row, "合计", "", r.total());
      sum.style(row, 0).bold().set();

      Worksheet list = wb.newWorksheet("问题清单");
      String[] cols = {"编号", "县（市、区）", "对象类型", "对象", "严重程度", "问题", "整改期限", "状态", "整改报送", "按期"};
      for (int c = 0; c < cols.length; c++) {
        list.value(0, c, cols[c]);
        list.style(0, c).bold().set();
      }
      int i = 1;
      for (Finding f : r.findings()) {
        list.value(i, 0, f.id());
        list.value(i, 1, f.countyName() == null ? "" : f.countyName());
        list.value(i, 2, f.subjectKind());
        list.value(i, 3, f.subjectName() == null ? f.subjectId() : f.subjectName());
        list.value(i, 4, f.severity());
        list.value(i, 5, f.problem());
        list.value(i, 6, f.deadline().toString());
        list.value(i, 7, f.status().wire() + (f.overdue() ? " (overdue)" : ""));
        list.value(i, 8, f.rectifiedAt() == null ? "" : f.rectifiedAt().toLocalDate().toString());
        list.value(i, 9, f.onTime() == null ? "" : f.onTime() ? "是" : "否");
        i++;
      }
      wb.finish();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void line(
      Worksheet ws, int row, String name, String code, RectificationReport.CountyLine l) {
    ws.value(row, 0, name);
    ws.value(row, 1, code == null ? "" : code);
    ws.value(row, 2, l.findings());
    ws.value(row, 3, l.onTime());
    ws.value(row, 4, l.late());
    ws.value(row, 5, l.open());
    ws.value(row, 6, l.overdue());
  }
}
