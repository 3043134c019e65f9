package org.bangfu.deadlines;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.bangfu.config.AppConfig;

/**
 * The rule of each kind: the setting its window comes from and the setting's value, read once from
 * the configuration. A kind counted in working days (a report's acknowledgement) or up to a date is
 * opened with the due date its workflow computed; the others are due the rule's days after they
 * open.
 */
public final class DeadlineRules {
  private final Map<DeadlineKind, Rule> rules;

  DeadlineRules(Map<DeadlineKind, Rule> rules) {
    this.rules = new EnumMap<>(rules);
    for (DeadlineKind k : DeadlineKind.values()) {
      if (!this.rules.containsKey(k)) {
        throw new IllegalArgumentException("no rule for deadline kind " + k.wire());
      }
    }
  }

  /**
   * The rules of this configuration; {@code proposalDays} is how long a proposal waits for its
   * donor before it expires (the expiry's own constant).
   */
  public static DeadlineRules of(AppConfig config, int proposalDays) {
    var o = config.oversight();
    var f = config.funds();
    var d = config.deadlines();
    Map<DeadlineKind, Rule> m = new EnumMap<>(DeadlineKind.class);
    m.put(
        DeadlineKind.REPORT_ACK,
        new Rule("BANGFU_REPORT_ACK_WORKING_DAYS", o.ackWorkingDays(), Rule.Unit.WORKING_DAYS));
    m.put(DeadlineKind.REPORT_ANSWER, Rule.days("BANGFU_REPORT_ANSWER_DAYS", o.answerDays()));
    m.put(
        DeadlineKind.OBJECTION_ANSWER,
        Rule.days("BANGFU_OBJECTION_ANSWER_DAYS", f.objectionAnswerDays()));
    m.put(DeadlineKind.NOTICE_WINDOW, Rule.days("BANGFU_NOTICE_WINDOW_DAYS", f.noticeWindowDays()));
    m.put(
        DeadlineKind.APPLICATION_REVIEW,
        Rule.days("BANGFU_APPLICATION_REVIEW_DAYS", d.applicationReviewDays()));
    m.put(
        DeadlineKind.APPLICATION_APPROVE,
        Rule.days("BANGFU_APPLICATION_APPROVE_DAYS", d.applicationApproveDays()));
    m.put(DeadlineKind.FINDING_RECTIFY, new Rule("inspection_deadline", null, Rule.Unit.DATE));
    m.put(DeadlineKind.ALERT_HANDLE, Rule.days("BANGFU_ALERT_HANDLE_DAYS", d.alertHandleDays()));
    m.put(DeadlineKind.PROPOSAL_CONFIRM, Rule.days("proposal_days", proposalDays));
    m.put(
        DeadlineKind.DELIVERY_RECEIVE,
        Rule.days("BANGFU_RECEIPT_ON_TIME_DAYS", o.receiptOnTimeDays()));
    m.put(DeadlineKind.RECEIPT_VERIFY, Rule.days("BANGFU_ALERT_VERIFY_DAYS", f.verifyDays()));
    m.put(DeadlineKind.NEED_REVIEW, Rule.days("BANGFU_NEED_REVIEW_DAYS", d.needReviewDays()));
    m.put(DeadlineKind.NEED_RETURNED, Rule.days("BANGFU_NEED_RETURNED_DAYS", d.needReturnedDays()));
    m.put(
        DeadlineKind.PLEDGE_EXPIRING,
        Rule.days("BANGFU_ALERT_PLEDGE_EXPIRY_DAYS", f.pledgeExpiryDays()));
    m.put(
        DeadlineKind.PAIRING_APPROVE,
        Rule.days("BANGFU_PAIRING_APPROVE_DAYS", d.pairingApproveDays()));
    m.put(
        DeadlineKind.DELIVERY_CHECK,
        Rule.days("BANGFU_DELIVERY_CHECK_DAYS", d.deliveryCheckDays()));
    monitor(m, config);
    return new DeadlineRules(m);
  }

  /**
   * 防返贫 monitoring: the home check in working days and the decision in days from the first lead
   * (the monitor computes both when a case opens), the township's review within the same days, the
   * green channel's procedure within its own.
   */
  private static void monitor(Map<DeadlineKind, Rule> m, AppConfig config) {
    var c = config.monitor();
    m.put(
        DeadlineKind.MONITOR_CHECK,
        new Rule(
            "BANGFU_MONITOR_CHECK_WORKING_DAYS", c.checkWorkingDays(), Rule.Unit.WORKING_DAYS));
    m.put(
        DeadlineKind.MONITOR_TOWNSHIP, Rule.days("BANGFU_MONITOR_DECISION_DAYS", c.decisionDays()));
    m.put(
        DeadlineKind.MONITOR_DECISION, Rule.days("BANGFU_MONITOR_DECISION_DAYS", c.decisionDays()));
    m.put(
        DeadlineKind.MONITOR_PAPERWORK,
        Rule.days("BANGFU_MONITOR_PAPERWORK_DAYS", c.paperworkDays()));
  }

  public Rule rule(DeadlineKind kind) {
    return rules.get(kind);
  }

  /**
   * When a deadline of {@code kind} opened at {@code start} is due: the workflow's own date when it
   * gave one, else the rule's days later.
   */
  Instant due(DeadlineKind kind, Rule rule, Instant start, Instant given) {
    if (given != null) {
      return given;
    }
    if (rule.unit() != Rule.Unit.DAYS || rule.value() == null) {
      throw new IllegalArgumentException(
          "a " + kind.wire() + " deadline is opened with the due date its workflow computed");
    }
    return start.plus(Duration.ofDays(rule.value()));
  }
}
