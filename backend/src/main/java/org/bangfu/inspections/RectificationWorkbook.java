package org.bangfu.inspections;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.stream.Collectors;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The 整改情况 report as an .xlsx: a sheet of per-county numbers, a sheet of the findings and a sheet
 * of the 问责 cases. Blocking (builds the file in memory): run it on a worker thread.
 */
public final class RectificationWorkbook {
  private RectificationWorkbook() {}

  /** The measures of a 问责 decision, as the sheet names them. */
  static final Map<String, String> MEASURES =
      Map.of(
          "admonishment_talk", "诫勉谈话",
          "circulated_criticism", "通报批评",
          "party_discipline", "党纪处分",
          "government_sanction", "政务处分",
          "organisational_handling", "组织处理",
          "none", "不予问责");

  static final Map<String, String> GROUNDS =
      Map.of(
          "founded_report", "举报查实",
          "repeated_finding", "整改销号后问题再次发现",
          "late_rectification", "逾期整改");

  public static byte[] write(RectificationReport r) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Workbook wb = new Workbook(out, "Bangfu", "1.0");
      summary(wb.newWorksheet("整改情况"), r);
      findings(wb.newWorksheet("问题清单"), r);
      cases(wb.newWorksheet("问责情况"), r);
      wb.finish();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void header(Worksheet ws, int row, String... cols) {
    for (int c = 0; c < cols.length; c++) {
      ws.value(row, c, cols[c]);
      ws.style(row, c).bold().set();
    }
  }

  private static void summary(Worksheet sum, RectificationReport r) {
    sum.value(0, 0, r.inspection().title());
    sum.style(0, 0).bold().set();
    sum.value(1, 0, "督查期间");
    sum.value(1, 1, r.inspection().periodFrom() + " — " + r.inspection().periodTo());
    header(sum, 3, "县（市、区）", "代码", "问题数", "按期整改", "逾期整改", "未整改", "其中逾期", "问责案件", "已作出决定", "问责人数");
    int row = 4;
    for (RectificationReport.CountyLine l : r.counties()) {
      String name = l.countyName() == null ? "其他" : l.countyName();
      line(sum, row++, name, l.countyId(), l, r.caseCounts(l.countyId(), false));
    }
    line(sum, row, "合计", "", r.total(), r.caseCounts(null, true));
    sum.style(row, 0).bold().set();
  }

  private static void findings(Worksheet list, RectificationReport r) {
    header(list, 0, "编号", "县（市、区）", "对象类型", "对象", "严重程度", "问题", "整改期限", "状态", "整改报送", "按期", "再次发现");
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
      list.value(i, 10, f.repeatOf() == null ? "" : "前次问题 " + f.repeatOf());
      i++;
    }
  }

  private static void cases(Worksheet ws, RectificationReport r) {
    header(ws, 0, "案件编号", "县（市、区）", "立案依据", "来源", "立案日期", "状态", "决定日期", "问责对象及方式");
    int i = 1;
    for (ReportedCase c : r.cases()) {
      ws.value(i, 0, c.id());
      ws.value(i, 1, c.countyName() == null ? "" : c.countyName());
      ws.value(i, 2, GROUNDS.getOrDefault(c.ground(), c.ground()));
      ws.value(
          i, 3, c.reportId() != null ? "举报 " + c.reportTrackingNumber() : "问题 " + c.findingId());
      ws.value(i, 4, c.openedAt().toLocalDate().toString());
      ws.value(i, 5, c.decided() ? "已作出决定" : "调查中");
      ws.value(i, 6, c.decidedAt() == null ? "" : c.decidedAt().toLocalDate().toString());
      ws.value(i, 7, people(c));
      i++;
    }
  }

  /** 安溪县龙门镇人民政府 副镇长：诫勉谈话；… */
  static String people(ReportedCase c) {
    return c.people().stream()
        .map(p -> p.unit() + " " + p.role() + "：" + MEASURES.getOrDefault(p.measure(), p.measure()))
        .collect(Collectors.joining("；"));
  }

  private static void line(
      Worksheet ws,
      int row,
      String name,
      String code,
      RectificationReport.CountyLine l,
      RectificationReport.CaseCounts cases) {
    ws.value(row, 0, name);
    ws.value(row, 1, code == null ? "" : code);
    ws.value(row, 2, l.findings());
    ws.value(row, 3, l.onTime());
    ws.value(row, 4, l.late());
    ws.value(row, 5, l.open());
    ws.value(row, 6, l.overdue());
    ws.value(row, 7, cases.cases());
    ws.value(row, 8, cases.decided());
    ws.value(row, 9, cases.heldAccountable());
  }
}
