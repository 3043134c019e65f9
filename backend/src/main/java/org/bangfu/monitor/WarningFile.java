package org.bangfu.monitor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.bangfu.support.DomainException;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * A department's warning file read into rows of named fields: a CSV (UTF-8, or GB18030 as exported
 * by many offices' systems) or the first sheet of an .xlsx, with a header row naming the columns in
 * Chinese or English (身份证号/idNumber, 姓名/name, 金额/amount, 风险类型/risk, 地区/area, 说明/detail); other
 * columns are left alone. Runs on a worker thread: a file may hold a million rows.
 */
final class WarningFile {
  /** The fields a row may have, each with the headers that name it. */
  static final Map<String, List<String>> HEADERS =
      Map.of(
          "idNumber", List.of("身份证号", "身份证号码", "证件号码", "公民身份号码", "idnumber", "id_number"),
          "name", List.of("姓名", "name"),
          "amount", List.of("金额", "自付金额", "费用", "金额（元）", "金额(元)", "amount"),
          "risk", List.of("风险类型", "risk"),
          "area", List.of("地区", "地区代码", "行政区划", "村", "area", "villageid", "regionid"),
          "detail", List.of("说明", "情况说明", "备注", "detail"));

  /** One row as read: its number in the file (the header is row 1) and its named fields. */
  record RawRow(int rowNo, Map<String, String> fields) {}

  private WarningFile() {}

  static List<RawRow> read(byte[] data, String format) {
    return switch (format) {
      case "csv" -> csv(decode(data));
      case "xlsx" -> xlsx(data);
      default -> throw DomainException.invalid("format", "not_allowed", "must be csv or xlsx");
    };
  }

  /** UTF-8 (a byte-order mark skipped) when the bytes are UTF-8, else GB18030. */
  static String decode(byte[] data) {
    int start =
        data.length >= 3
                && data[0] == (byte) 0xEF
                && data[1] == (byte) 0xBB
                && data[2] == (byte) 0xBF
            ? 3
            : 0;
    ByteBuffer bytes = ByteBuffer.wrap(data, start, data.length - start);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      return new String(data, start, data.length - start, Charset.forName("GB18030"));
    }
  }

  // ---- CSV

  static List<RawRow> csv(String text) {
    CsvReader in = new CsvReader(text);
    List<String> header = in.next();
    if (header == null) {
      throw DomainException.invalid("file", "empty_file", "has no header row");
    }
    Map<Integer, String> columns = columns(header);
    List<RawRow> rows = new ArrayList<>();
    int rowNo = 1;
    for (List<String> cells = in.next(); cells != null; cells = in.next()) {
      rowNo++;
      if (!blank(cells)) {
        rows.add(new RawRow(rowNo, named(columns, cells)));
      }
    }
    return rows;
  }

  /** Which column holds which field; a file without an ID-number column is refused. */
  static Map<Integer, String> columns(List<String> header) {
    Map<Integer, String> out = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i).strip().toLowerCase(Locale.ROOT);
      for (Map.Entry<String, List<String>> e : HEADERS.entrySet()) {
        if (e.getValue().contains(h)) {
          out.put(i, e.getKey());
        }
      }
    }
    if (!out.containsValue("idNumber") || !out.containsValue("name")) {
      throw DomainException.invalid(
          "file",
          "missing_columns",
          "needs the columns 身份证号 (idNumber) and 姓名 (name) in its first row");
    }
    return out;
  }

  private static Map<String, String> named(Map<Integer, String> columns, List<String> cells) {
    Map<String, String> fields = new HashMap<>();
    columns.forEach(
        (i, field) -> {
          if (i < cells.size()) {
            String v = cells.get(i).strip();
            if (!v.isEmpty()) {
              fields.put(field, v);
            }
          }
        });
    return fields;
  }

  private static boolean blank(List<String> cells) {
    return cells.stream().allMatch(String::isBlank);
  }

  /** RFC 4180 fields: quoted fields may hold commas, quotes (doubled) and line breaks. */
  static final class CsvReader {
    private final String text;
    private int at;

    CsvReader(String text) {
      this.text = text;
    }

    /** The next record's fields, or null at the end. */
    List<String> next() {
      if (at >= text.length()) {
        return null;
      }
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      while (at < text.length()) {
        char c = text.charAt(at++);
        if (quoted) {
          if (c == '"' && at < text.length() && text.charAt(at) == '"') {
            field.append('"');
            at++;
          } else if (c == '"') {
            quoted = false;
          } else {
            field.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
        } else if (c == '\n' || c == '\r') {
          if (c == '\r' && at < text.length() && text.charAt(at) == '\n') {
            at++;
          }
          break;
        } else {
          field.append(c);
        }
      }
      fields.add(field.toString());
      return fields;
    }
  }

  // ---- .xlsx

  static List<RawRow> xlsx(byte[] data) {
    try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(data))) {
      Sheet sheet = book.getFirstSheet();
      try (Stream<Row> stream = sheet.openStream()) {
        return xlsxRows(stream.iterator());
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof DomainException d) {
        throw d;
      }
      throw DomainException.invalid("file", "unreadable_file", "is not a readable .xlsx file");
    }
  }

  private static List<RawRow> xlsxRows(java.util.Iterator<Row> it) {
    if (!it.hasNext()) {
      throw DomainException.invalid("file", "empty_file", "has no header row");
    }
    Map<Integer, String> columns = columns(cells(it.next()));
    List<RawRow> rows = new ArrayList<>();
    while (it.hasNext()) {
      Row r = it.next();
      List<String> cells = cells(r);
      if (!blank(cells)) {
        rows.add(new RawRow(r.getRowNum(), named(columns, cells)));
      }
    }
    return rows;
  }

  /** A row's cells as text: numbers without a trailing ".0" (an ID number typed as a number). */
  private static List<String> cells(Row r) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < r.getCellCount(); i++) {
      Cell c = r.getCell(i);
      out.add(c == null ? "" : text(c));
    }
    return out;
  }

  private static String text(Cell c) {
    String raw = c.getRawValue() == null ? "" : c.getRawValue();
    return switch (c.getType()) {
      case NUMBER -> raw.endsWith(".0") ? raw.substring(0, raw.length() - 2) : raw;
      default -> c.getText() == null ? raw : c.getText();
    };
  }
}
