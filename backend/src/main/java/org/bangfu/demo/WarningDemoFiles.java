package org.bangfu.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bangfu.households.IdNumbers;

/**
 * Departments' warning files as their offices export them (CSV, Chinese headers): rows about people
 * of the register (by their real ID numbers, so the blind index matches them), people not in it,
 * the same person twice, and the few rows every export has wrong (a mistyped ID number, a missing
 * name, an amount in words). All invented.
 */
final class WarningDemoFiles {
  /** A person a department may name: ID number, name and, when known, the village. */
  record Person(String idNumber, String name, String villageId) {}

  /** What a department's rows look like: its amounts (none for lists) and what it says. */
  record Department(
      String code, String office, int minAmount, int maxAmount, List<String> details) {}

  static final Department MEDICAL =
      new Department(
          "medical",
          "医疗保障局-住院自付费用",
          1_500,
          60_000,
          List.of("住院治疗，政策范围外自付较高", "慢性病长期门诊", "重大疾病住院", "意外伤害住院"));
  static final Department EDUCATION =
      new Department(
          "education", "教育局-学生就学费用", 3_000, 24_000, List.of("高中在读，住宿及学杂费", "中职在读", "大学新生入学费用"));
  static final Department EMERGENCY =
      new Department("emergency", "应急管理局-灾情名单", 0, 0, List.of("台风致房屋受损", "暴雨致农田受灾", "山体滑坡，临时安置"));
  static final Department CIVIL =
      new Department("civil_affairs", "民政局-新增低保特困", 0, 0, List.of("新纳入农村低保", "新纳入特困供养", "临时救助"));

  private WarningDemoFiles() {}

  /** People not in the register, born 1940–2010, ID numbers of their county, each one valid. */
  static List<Person> outsiders(Random r, String county, List<String> villages, int n) {
    List<Person> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String birth =
          String.format("%04d%02d%02d", 1940 + r.nextInt(71), 1 + r.nextInt(12), 1 + r.nextInt(28));
      String id = IdNumbers.withCheck(county + birth + String.format("%03d", 700 + i % 300));
      out.add(new Person(id, Names.person(r), villages.get(r.nextInt(villages.size()))));
    }
    return out;
  }

  /**
   * A file of {@code rows} rows: a person drawn from the register's or from the others (each about
   * half; the register's first five always), every twentieth row naming a person twice, every
   * fortieth wrong.
   */
  static byte[] csv(
      Random r,
      Department d,
      List<Person> registered,
      List<Person> others,
      int rows,
      List<Person> first) {
    StringBuilder b = new StringBuilder("身份证号,姓名,金额,地区,说明\n");
    // the people the demo follows further: named first, with costs no rule screens out
    for (Person p : first) {
      String amount = d.maxAmount() == 0 ? "" : Integer.toString(d.maxAmount() - 1);
      b.append(String.join(",", p.idNumber(), p.name(), amount, "", d.details().get(0)))
          .append('\n');
    }
    List<Person> named = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      Person p =
          i < Math.min(5, registered.size())
              ? registered.get(i)
              : i % 20 == 19 && !named.isEmpty()
                  ? named.get(r.nextInt(named.size()))
                  : Names.pick(r, r.nextBoolean() ? registered : others);
      named.add(p);
      b.append(i % 40 == 39 ? wrong(r, p, d) : line(r, p, d)).append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String line(Random r, Person p, Department d) {
    return String.join(
        ",",
        p.idNumber(),
        p.name(),
        amount(r, d),
        p.villageId() == null ? "" : p.villageId(),
        Names.pick(r, d.details()));
  }

  /** A row the check refuses: a mistyped ID number, no name, or an amount in words. */
  private static String wrong(Random r, Person p, Department d) {
    return switch (r.nextInt(3)) {
      case 0 -> String.join(",", typo(p.idNumber()), p.name(), amount(r, d), "", "");
      case 1 -> String.join(",", p.idNumber(), "", amount(r, d), "", "");
      default -> String.join(",", p.idNumber(), p.name(), "约三千元", "", "");
    };
  }

  private static String amount(Random r, Department d) {
    return d.maxAmount() == 0
        ? ""
        : Integer.toString(d.minAmount() + r.nextInt(d.maxAmount() - d.minAmount()));
  }

  /** The ID number with its last digit but one changed: the check digit no longer fits. */
  private static String typo(String id) {
    char c = id.charAt(16);
    return id.substring(0, 16) + (c == '9' ? '0' : (char) (c + 1)) + id.charAt(17);
  }
}
