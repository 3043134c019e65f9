package org.bangfu.households;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A household's place in the 建档立卡 register. Which change from which status is allowed is decided in
 * one place, {@code registry.StatusRules}.
 */
public enum HouseholdStatus {
  /** 申请纳入: registered, its identification (an application and its notice) under way. */
  APPLICANT("applicant"),
  /** 贫困户: identified as poor (with the year identified). */
  IN_POVERTY("in_poverty"),
  /** Newly identified this year; counted as poor. */
  NEW("new"),
  /** 脱贫: exited poverty (with the year). */
  EXITED("exited"),
  /** 返贫: fell back into poverty after an exit. */
  RETURNED("returned"),
  /** 边缘易致贫户: a marginal household watched so it does not fall in. */
  MARGINAL("marginal"),
  /** 监测户 (脱贫不稳定户, 边缘易致贫户 or 突发严重困难户 of the monitoring years): under monitoring. */
  MONITORED("monitored"),
  /** 风险消除: a monitored household whose risk was eliminated by the monitoring's rules. */
  CLEARED("cleared"),
  /** 清退 / 自然减少: no longer in the register (moved, deceased, wrongly entered). */
  REMOVED("removed");

  public static final List<String> WIRE =
      Arrays.stream(values()).map(HouseholdStatus::wire).toList();

  private final String wire;

  HouseholdStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** Counted as poor: in poverty, newly identified or returned. */
  public boolean poor() {
    return this == IN_POVERTY || this == NEW || this == RETURNED;
  }

  public static Optional<HouseholdStatus> fromWire(String s) {
    return Arrays.stream(values()).filter(v -> v.wire.equals(s)).findFirst();
  }

  public static HouseholdStatus of(String s) {
    return fromWire(s)
        .orElseThrow(() -> new IllegalArgumentException("unknown household status " + s));
  }
}
