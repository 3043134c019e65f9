package org.bangfu.config;

import java.time.ZoneId;
import java.util.Map;

/**
 * The deadlines of oversight (12317 reports, rectification, reliability), from environment
 * variables, each with the default of the work rules. Read once at start; a bad value stops the
 * start naming the variable.
 *
 * @param ackWorkingDays BANGFU_REPORT_ACK_WORKING_DAYS: a report is acknowledged (accepted or not)
 *     within this many working days, weekends skipped (default 3)
 * @param answerDays BANGFU_REPORT_ANSWER_DAYS: and answered within this many days (15)
 * @param deliveryOnTimeDays BANGFU_DELIVERY_ON_TIME_DAYS: a donor delivers on time within this many
 *     days of confirming an allocation (30)
 * @param receiptOnTimeDays BANGFU_RECEIPT_ON_TIME_DAYS: a village records receipt on time within
 *     this many days of delivery (15)
 * @param zone the zone of working days and date deadlines (Asia/Shanghai)
 * @param reportsPerDay BANGFU_REPORTS_PER_DAY: 12317 reports one client address may file in 24
 *     hours (10); more are refused with 429 until the day is over
 */
public record OversightConfig(
    int ackWorkingDays,
    int answerDays,
    int deliveryOnTimeDays,
    int receiptOnTimeDays,
    ZoneId zone,
    int reportsPerDay) {

  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  public static OversightConfig fromEnv(Map<String, String> env) {
    return new OversightConfig(
        EnvNumbers.within(env, "BANGFU_REPORT_ACK_WORKING_DAYS", 3, 1, 365, "days"),
        EnvNumbers.within(env, "BANGFU_REPORT_ANSWER_DAYS", 15, 1, 365, "days"),
        EnvNumbers.within(env, "BANGFU_DELIVERY_ON_TIME_DAYS", 30, 1, 365, "days"),
        EnvNumbers.within(env, "BANGFU_RECEIPT_ON_TIME_DAYS", 15, 1, 365, "days"),
        CHINA,
        EnvNumbers.within(env, "BANGFU_REPORTS_PER_DAY", 10, 1, 10_000, ""));
  }
}
