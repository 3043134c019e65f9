package org.bangfu.config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The rules of public notice (公告公示) and of fund supervision, from environment variables (read with
 * the rest of {@link AppConfig}; documented in the README).
 *
 * @param noticeWindowDays BANGFU_NOTICE_WINDOW_DAYS, days a notice is open to objections (default
 *     10)
 * @param noticeWindowByKind BANGFU_NOTICE_WINDOW_DAYS_&lt;KIND&gt; (e.g. {@code
 *     _PROJECT_ACCEPTED=15}): per kind; household_status is 7 days unless set
 * @param objectionsPerDay BANGFU_OBJECTIONS_PER_DAY, objections one address may file in 24 hours
 *     (default 5)
 * @param objectionAnswerDays BANGFU_OBJECTION_ANSWER_DAYS, days a reviewer has to answer (default
 *     7)
 * @param deliveryDays BANGFU_ALERT_DELIVERY_DAYS: a confirmed allocation not delivered after this
 *     (default 30)
 * @param receiptDays BANGFU_ALERT_RECEIPT_DAYS: delivered but not received after this (default 15)
 * @param verifyDays BANGFU_ALERT_VERIFY_DAYS: received but not verified after this (default 15)
 * @param progressDays BANGFU_ALERT_PROGRESS_DAYS: a disbursed project without a progress report
 *     (default 30)
 * @param householdYearYuan BANGFU_ALERT_HOUSEHOLD_YEAR_YUAN: one household's yuan a year from
 *     several sources (default 50000)
 * @param programmeBehindPct BANGFU_ALERT_PROGRAMME_BEHIND_PCT: a programme this many points behind
 *     its schedule (default 40)
 * @param pledgeExpiryDays BANGFU_ALERT_PLEDGE_EXPIRY_DAYS: a pledge expiring unused within this
 *     many days (default 14)
 */
public record FundsConfig(
    int noticeWindowDays,
    Map<String, Integer> noticeWindowByKind,
    int objectionsPerDay,
    int objectionAnswerDays,
    int deliveryDays,
    int receiptDays,
    int verifyDays,
    int progressDays,
    long householdYearYuan,
    int programmeBehindPct,
    int pledgeExpiryDays) {

  static final String WINDOW = "BANGFU_NOTICE_WINDOW_DAYS";

  public FundsConfig {
    noticeWindowByKind = Map.copyOf(noticeWindowByKind);
    days(WINDOW, noticeWindowDays);
    noticeWindowByKind.forEach((k, v) -> days(WINDOW + "_" + k.toUpperCase(Locale.ROOT), v));
    if (noticeWindowByKind.getOrDefault("monitor_identification", noticeWindowDays) < 5) {
      throw new ConfigException(
          WINDOW + "_MONITOR_IDENTIFICATION",
          "must be at least 5 days (the village notice of an identification)");
    }
    if (objectionsPerDay < 1 || objectionsPerDay > 1000) {
      throw new ConfigException("BANGFU_OBJECTIONS_PER_DAY", "must be between 1 and 1000");
    }
    days("BANGFU_OBJECTION_ANSWER_DAYS", objectionAnswerDays);
    days("BANGFU_ALERT_DELIVERY_DAYS", deliveryDays);
    days("BANGFU_ALERT_RECEIPT_DAYS", receiptDays);
    days("BANGFU_ALERT_VERIFY_DAYS", verifyDays);
    days("BANGFU_ALERT_PROGRESS_DAYS", progressDays);
    days("BANGFU_ALERT_PLEDGE_EXPIRY_DAYS", pledgeExpiryDays);
    if (householdYearYuan < 1) {
      throw new ConfigException("BANGFU_ALERT_HOUSEHOLD_YEAR_YUAN", "must be at least 1");
    }
    if (programmeBehindPct < 1 || programmeBehindPct > 100) {
      throw new ConfigException("BANGFU_ALERT_PROGRAMME_BEHIND_PCT", "must be between 1 and 100");
    }
  }

  private static void days(String name, int v) {
    if (v < 1 || v > 365) {
      throw new ConfigException(name, "must be between 1 and 365 days");
    }
  }

  /** The defaults (no variable set). */
  public static FundsConfig defaults() {
    return fromEnv(Map.of());
  }

  public static FundsConfig fromEnv(Map<String, String> env) {
    Map<String, Integer> byKind = new HashMap<>();
    // a household's status change is on notice in its village for 7 days (the register's rule);
    // an identification of a household at risk at least 5 (the national rule), its closing 7, a
    // village's exit 7
    byKind.put("household_status", 7);
    byKind.put("monitor_identification", 5);
    byKind.put("monitor_closure", 7);
    byKind.put("village_exit", 7);
    env.forEach(
        (k, v) -> {
          if (k.startsWith(WINDOW + "_") && k.length() > WINDOW.length() + 1) {
            byKind.put(
                k.substring(WINDOW.length() + 1).toLowerCase(Locale.ROOT),
                EnvNumbers.parse(k, v, ""));
          }
        });
    return new FundsConfig(
        EnvNumbers.whole(env, WINDOW, 10),
        byKind,
        EnvNumbers.whole(env, "BANGFU_OBJECTIONS_PER_DAY", 5),
        EnvNumbers.whole(env, "BANGFU_OBJECTION_ANSWER_DAYS", 7),
        EnvNumbers.whole(env, "BANGFU_ALERT_DELIVERY_DAYS", 30),
        EnvNumbers.whole(env, "BANGFU_ALERT_RECEIPT_DAYS", 15),
        EnvNumbers.whole(env, "BANGFU_ALERT_VERIFY_DAYS", 15),
        EnvNumbers.whole(env, "BANGFU_ALERT_PROGRESS_DAYS", 30),
        EnvNumbers.whole(env, "BANGFU_ALERT_HOUSEHOLD_YEAR_YUAN", 50_000),
        EnvNumbers.whole(env, "BANGFU_ALERT_PROGRAMME_BEHIND_PCT", 40),
        EnvNumbers.whole(env, "BANGFU_ALERT_PLEDGE_EXPIRY_DAYS", 14));
  }

  /** Days a notice of {@code kind} stays open to objections. */
  public int windowDays(String kind) {
    return noticeWindowByKind.getOrDefault(kind, noticeWindowDays);
  }
}
