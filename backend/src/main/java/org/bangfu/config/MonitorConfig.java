package org.bangfu.config;

import java.util.Map;

/**
 * The rules of 防止返贫动态监测 (monitoring households at risk), from environment variables, each with the
 * default of the public rules. Read once at start; a bad value stops the start naming the variable.
 * The village notice of an identification and of a closing are windows of the one notice path
 * ({@code BANGFU_NOTICE_WINDOW_DAYS_MONITOR_IDENTIFICATION}, at least 5 days, and {@code
 * BANGFU_NOTICE_WINDOW_DAYS_MONITOR_CLOSURE}, {@link FundsConfig}).
 *
 * @param decisionDays BANGFU_MONITOR_DECISION_DAYS: from the first lead to the county's decision
 *     ("一般不超过15天", default 15)
 * @param checkWorkingDays BANGFU_MONITOR_CHECK_WORKING_DAYS: the home check within this many
 *     working days of the lead (default 2)
 * @param paperworkDays BANGFU_MONITOR_PAPERWORK_DAYS: on the green channel, the procedure follows
 *     the help within this many days (default 30)
 * @param reportsPerDay BANGFU_MONITOR_REPORTS_PER_DAY: self-reports one address may file in 24
 *     hours (default 3)
 */
public record MonitorConfig(
    int decisionDays, int checkWorkingDays, int paperworkDays, int reportsPerDay) {

  public MonitorConfig {
    range("BANGFU_MONITOR_DECISION_DAYS", decisionDays, 5, 60);
    range("BANGFU_MONITOR_CHECK_WORKING_DAYS", checkWorkingDays, 1, 20);
    range("BANGFU_MONITOR_PAPERWORK_DAYS", paperworkDays, 1, 180);
    range("BANGFU_MONITOR_REPORTS_PER_DAY", reportsPerDay, 1, 100);
  }

  public static MonitorConfig defaults() {
    return fromEnv(Map.of());
  }

  public static MonitorConfig fromEnv(Map<String, String> env) {
    return new MonitorConfig(
        EnvNumbers.whole(env, "BANGFU_MONITOR_DECISION_DAYS", 15),
        EnvNumbers.whole(env, "BANGFU_MONITOR_CHECK_WORKING_DAYS", 2),
        EnvNumbers.whole(env, "BANGFU_MONITOR_PAPERWORK_DAYS", 30),
        EnvNumbers.whole(env, "BANGFU_MONITOR_REPORTS_PER_DAY", 3));
  }

  private static void range(String name, int v, int min, int max) {
    if (v < min || v > max) {
      throw new ConfigException(name, "must be between " + min + " and " + max);
    }
  }
}
