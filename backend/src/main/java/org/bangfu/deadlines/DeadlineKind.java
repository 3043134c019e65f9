package org.bangfu.deadlines;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a deadline is for. The wire names are stable (the API, the web app's words, the rows); a new
 * workflow adds a constant here and its rule in {@link DeadlineRules} — no migration, the column
 * takes any such name.
 */
public enum DeadlineKind {
  /** A 12317 report acknowledged (accepted or not) by its county's desk. */
  REPORT_ACK("report_ack"),
  /** A 12317 report answered. */
  REPORT_ANSWER("report_answer"),
  /** An objection to a public notice answered by a reviewer. */
  OBJECTION_ANSWER("objection_answer"),
  /** A public notice's window, watched by its county's desk (met when the notice closes). */
  NOTICE_WINDOW("notice_window"),
  /** A status application reviewed by the township. */
  APPLICATION_REVIEW("application_review"),
  /** A reviewed status application decided by the county. */
  APPLICATION_APPROVE("application_approve"),
  /** A 督查 finding rectified (and the rectification accepted) by the inspection's date. */
  FINDING_RECTIFY("finding_rectify"),
  /** A supervision alert explained or closed by the auditors. */
  ALERT_HANDLE("alert_handle"),
  /** A proposed allocation confirmed (or declined) by its donor. */
  PROPOSAL_CONFIRM("proposal_confirm"),
  /** A delivery's receipt recorded by the village's secretary. */
  DELIVERY_RECEIVE("delivery_receive"),
  /** A recorded receipt verified by the county. */
  RECEIPT_VERIFY("receipt_verify"),
  /** A submitted need published or sent back by the county. */
  NEED_REVIEW("need_review"),
  /** A need sent back corrected and submitted again by the secretary. */
  NEED_RETURNED("need_returned"),
  /** A pledge with something left, about to expire: its donor uses it or lets it go. */
  PLEDGE_EXPIRING("pledge_expiring"),
  /** A donor's request to pair with a village decided by the united front. */
  PAIRING_APPROVE("pairing_approve"),
  /** A check of the delivery sample (抽查核实) answered by the township's reviewer. */
  DELIVERY_CHECK("delivery_check"),
  /**
   * A monitoring case's home check (防返贫 入户核实): the village's secretary's, or the county's desk
   * until its triage names the village; due a few working days after the first lead.
   */
  MONITOR_CHECK("monitor_check"),
  /** A monitoring case past its village notice, reviewed by the township within the case's days. */
  MONITOR_TOWNSHIP("monitor_township"),
  /** A monitoring case decided by the county within 15 days of the first lead (一般不超过15天). */
  MONITOR_DECISION("monitor_decision"),
  /**
   * A case helped first on the green channel: its procedure (check, notice, decision) caught up.
   */
  MONITOR_PAPERWORK("monitor_paperwork");

  private final String wire;

  DeadlineKind(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<DeadlineKind> fromWire(String s) {
    return Arrays.stream(values()).filter(k -> k.wire.equals(s)).findFirst();
  }

  public static List<String> wires() {
    return Arrays.stream(values()).map(DeadlineKind::wire).toList();
  }
}
