package org.bangfu.monitor;

import java.util.List;
import java.util.Map;

/**
 * The words of monitoring: the three kinds of monitored household, the risks, the channels of a
 * lead, the departments that send warnings and the eight visits cadres must make (八必访).
 */
public final class MonitorKinds {
  private MonitorKinds() {}

  /** 脱贫不稳定户, 边缘易致贫户, 突发严重困难户 (also above the line: rigid spending jumped, income fell). */
  public static final List<String> KINDS = List.of("unstable", "marginal", "sudden");

  public static final List<String> RISKS =
      List.of(
          "illness",
          "disability",
          "education",
          "disaster",
          "accident",
          "unemployment",
          "income_drop",
          "spending_jump",
          "housing",
          "water",
          "other");

  public static final List<String> CHANNELS = List.of("self_report", "cadre", "department");

  /** 医保, 教育, 应急, 民政, 人社, 住建, 残联, others. */
  public static final List<String> DEPARTMENTS =
      List.of(
          "medical",
          "education",
          "emergency",
          "civil_affairs",
          "human_resources",
          "housing",
          "disability",
          "other");

  /**
   * 八必访: low or falling income, serious illness, an isolated 特困 person, a new 低保 applicant,
   * disability, many children in non-compulsory schooling, unstable migrant work, a disaster.
   */
  public static final List<String> VISIT_REASONS =
      List.of(
          "low_income",
          "illness",
          "tekun_alone",
          "new_dibao",
          "disability",
          "schooling",
          "unstable_work",
          "disaster");

  public static final List<String> DISMISS_REASONS =
      List.of("not_at_risk", "duplicate", "moved", "data_error", "other");

  /** The risk a department's warning is about, unless its row says otherwise. */
  public static final Map<String, String> DEPARTMENT_RISK =
      Map.of(
          "medical", "illness",
          "education", "education",
          "emergency", "disaster",
          "civil_affairs", "income_drop",
          "human_resources", "unemployment",
          "housing", "housing",
          "disability", "disability",
          "other", "other");

  /** The risk a cadre's visit reason points to. */
  public static final Map<String, String> VISIT_RISK =
      Map.of(
          "low_income", "income_drop",
          "illness", "illness",
          "tekun_alone", "other",
          "new_dibao", "income_drop",
          "disability", "disability",
          "schooling", "education",
          "unstable_work", "unemployment",
          "disaster", "disaster");

  /** The kind of help (a need's category) a confirmed risk is drafted as, by its main risk. */
  public static final Map<String, String> HELP_CATEGORY =
      Map.ofEntries(
          Map.entry("illness", "health"),
          Map.entry("disability", "health"),
          Map.entry("accident", "health"),
          Map.entry("education", "education"),
          Map.entry("disaster", "housing"),
          Map.entry("housing", "housing"),
          Map.entry("water", "infrastructure"),
          Map.entry("unemployment", "employment"),
          Map.entry("income_drop", "industry"),
          Map.entry("spending_jump", "health"),
          Map.entry("other", "industry"));

  /** What a kind is called on a notice. */
  public static String kindWord(String kind) {
    return switch (kind) {
      case "unstable" -> "脱贫不稳定户";
      case "marginal" -> "边缘易致贫户";
      case "sudden" -> "突发严重困难户";
      default -> "监测对象";
    };
  }

  /** What a risk is called in a need's title (a kind of hardship, never a person's condition). */
  public static String riskWord(String risk) {
    return switch (risk) {
      case "illness", "accident", "spending_jump" -> "医疗支出负担";
      case "disability" -> "残疾康复";
      case "education" -> "就学负担";
      case "disaster" -> "灾后恢复";
      case "unemployment" -> "就业帮扶";
      case "income_drop" -> "增收帮扶";
      case "housing" -> "住房安全";
      case "water" -> "饮水安全";
      default -> "生活困难";
    };
  }
}
