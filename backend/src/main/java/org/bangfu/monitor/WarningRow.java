package org.bangfu.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bangfu.households.IdNumbers;

/**
 * A department's warning row, checked: the person's ID number (with its check digit) and name, the
 * amount where the department's rule compares one, the risk (the department's unless the row names
 * one), the area (a region code) and the detail. A row that fails names each field and why.
 */
record WarningRow(
    int rowNo, String idNumber, String name, Long amount, String risk, String area, String detail) {

  /** A field of a row that was refused, with why. */
  record Error(int rowNo, String field, String code) {}

  /** The outcome of checking a row: the row, or its errors. */
  record Checked(WarningRow row, List<Error> errors) {}

  static Checked check(WarningFile.RawRow raw, String department) {
    Map<String, String> f = raw.fields();
    List<Error> errors = new ArrayList<>();
    int n = raw.rowNo();
    String id = f.get("idNumber") == null ? null : f.get("idNumber").toUpperCase();
    if (id == null) {
      errors.add(new Error(n, "idNumber", "required"));
    } else if (!IdNumbers.valid(id)) {
      errors.add(new Error(n, "idNumber", "invalid_id_number"));
    }
    String name = f.get("name");
    if (name == null) {
      errors.add(new Error(n, "name", "required"));
    } else if (name.length() > 50) {
      errors.add(new Error(n, "name", "too_long"));
    }
    Long amount = amount(f.get("amount"), n, errors);
    if (amount == null && Screening.NEED_AMOUNT.contains(department) && f.get("amount") == null) {
      errors.add(new Error(n, "amount", "required"));
    }
    String risk = f.getOrDefault("risk", MonitorKinds.DEPARTMENT_RISK.get(department));
    if (!MonitorKinds.RISKS.contains(risk)) {
      errors.add(new Error(n, "risk", "not_allowed"));
    }
    String area = f.get("area");
    if (area != null && !area.matches("[0-9A-Z][0-9A-Za-z-]{1,39}")) {
      errors.add(new Error(n, "area", "invalid_region"));
    }
    String detail = f.get("detail");
    if (detail != null && detail.length() > 1000) {
      errors.add(new Error(n, "detail", "too_long"));
    }
    return errors.isEmpty()
        ? new Checked(new WarningRow(n, id, name, amount, risk, area, detail), List.of())
        : new Checked(null, errors);
  }

  private static Long amount(String text, int n, List<Error> errors) {
    if (text == null) {
      return null;
    }
    try {
      String plain = text.replace(",", "").replace("¥", "").replace("元", "").strip();
      long yuan = Math.round(Double.parseDouble(plain));
      if (yuan < 0 || yuan > 100_000_000) {
        errors.add(new Error(n, "amount", "out_of_range"));
        return null;
      }
      return yuan;
    } catch (NumberFormatException e) {
      errors.add(new Error(n, "amount", "not_a_number"));
      return null;
    }
  }

  /** The county an ID number was issued in (its first six digits), where the register knows it. */
  String idCounty() {
    return idNumber.substring(0, 6);
  }
}
