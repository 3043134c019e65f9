package org.bangfu.config;

import java.util.Map;

/**
 * The windows of the deadlines whose workflow had none of its own, from environment variables (read
 * with the rest of {@link AppConfig}; documented in the README). The other deadlines take their
 * window from the setting their workflow already has ({@link OversightConfig}, {@link
 * FundsConfig}).
 *
 * @param needReviewDays BANGFU_NEED_REVIEW_DAYS: the county reviews a submitted need within this
 *     many days (default 7)
 * @param needReturnedDays BANGFU_NEED_RETURNED_DAYS: the secretary corrects a need sent back within
 *     this many days (14)
 * @param applicationReviewDays BANGFU_APPLICATION_REVIEW_DAYS: the township reviews a status
 *     application within this many days (10)
 * @param applicationApproveDays BANGFU_APPLICATION_APPROVE_DAYS: the county decides a reviewed one
 *     within this many days (10)
 * @param alertHandleDays BANGFU_ALERT_HANDLE_DAYS: the auditors explain or close a supervision
 *     alert within this many days (10)
 * @param pairingApproveDays BANGFU_PAIRING_APPROVE_DAYS: the united front decides a donor's request
 *     to pair with a village within this many days (7)
 * @param deliveryCheckDays BANGFU_DELIVERY_CHECK_DAYS: the township's reviewer answers a check of
 *     the delivery sample (抽查核实) within this many days of the draw (30)
 */
public record DeadlineConfig(
    int needReviewDays,
    int needReturnedDays,
    int applicationReviewDays,
    int applicationApproveDays,
    int alertHandleDays,
    int pairingApproveDays,
    int deliveryCheckDays) {

  public static DeadlineConfig defaults() {
    return fromEnv(Map.of());
  }

  public static DeadlineConfig fromEnv(Map<String, String> env) {
    return new DeadlineConfig(
        EnvNumbers.within(env, "BANGFU_NEED_REVIEW_DAYS", 7, 1, 365, "days"),
        EnvNumbers.within(env, "BANGFU_NEED_RETURNED_DAYS", 14, 1, 365, "days"),
        EnvNumbers.within(env, "BANGFU_APPLICATION_REVIEW_DAYS", 10, 1, 365, "days"),
        EnvNumbers.within(env, "BANGFU_APPLICATION_APPROVE_DAYS", 10, 1, 365, "days"),
        EnvNumbers.within(env, "BANGFU_ALERT_HANDLE_DAYS", 10, 1, 365, "days"),
        EnvNumbers.within(env, "BANGFU_PAIRING_APPROVE_DAYS", 7, 1, 365, "days"),
        EnvNumbers.within(env, "BANGFU_DELIVERY_CHECK_DAYS", 30, 1, 365, "days"));
  }
}
