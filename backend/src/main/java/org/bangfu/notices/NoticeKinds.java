package org.bangfu.notices;

import java.util.List;

/**
 * The kinds of notice published today (a kind is free text of [a-z0-9_]; these are known to the web
 * app).
 */
public final class NoticeKinds {
  /** 项目审批公示: a fund project approved. */
  public static final String PROJECT_APPROVED = "project_approved";

  /** 项目验收公示: a fund project accepted on completion. */
  public static final String PROJECT_ACCEPTED = "project_accepted";

  /** 捐赠到位公示: a donor's allocation verified as received. */
  public static final String ALLOCATION_VERIFIED = "allocation_verified";

  /** 贫困户识别/退出公示: a registered household's status change. */
  public static final String HOUSEHOLD_STATUS = "household_status";

  /** 贫困村退出公示: a poor village's exit (摘帽). */
  public static final String VILLAGE_EXIT = "village_exit";

  /** 监测对象识别公示: a household identified as at risk of falling back (防返贫监测). */
  public static final String MONITOR_IDENTIFICATION = "monitor_identification";

  /** 风险消除公示: a monitored household's risk eliminated. */
  public static final String MONITOR_CLOSURE = "monitor_closure";

  public static final List<String> ALL =
      List.of(
          PROJECT_APPROVED,
          PROJECT_ACCEPTED,
          ALLOCATION_VERIFIED,
          HOUSEHOLD_STATUS,
          VILLAGE_EXIT,
          MONITOR_IDENTIFICATION,
          MONITOR_CLOSURE);

  private NoticeKinds() {}
}
