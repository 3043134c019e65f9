package org.bangfu.monitor;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a monitoring case is on its way, in the order of the national rule: a lead is triaged by
 * the county, checked at home, reviewed by the village with its notice (at least 5 days), reviewed
 * by the township and decided by the county — within 15 days of the first lead — then helped and
 * closed by rules (风险消除) after its own notice. Dismissed, not at risk and rejected end a case
 * without a decision to monitor.
 */
public enum CaseState {
  TRIAGE("triage"),
  DISMISSED("dismissed"),
  CHECKING("checking"),
  CHECKED("checked"),
  NOT_AT_RISK("not_at_risk"),
  NOTICE("notice"),
  TOWNSHIP("township"),
  COUNTY("county"),
  REJECTED("rejected"),
  CONFIRMED("confirmed"),
  CLOSING("closing"),
  CLOSED("closed");

  public static final List<String> WIRE = Arrays.stream(values()).map(CaseState::wire).toList();

  /** On the way to the county's decision: the 15-day clock runs. */
  public static final Set<CaseState> BEFORE_DECISION =
      EnumSet.of(TRIAGE, CHECKING, CHECKED, NOTICE, TOWNSHIP, COUNTY);

  /** The case is over (the person may have a new one). */
  public static final Set<CaseState> ENDED = EnumSet.of(DISMISSED, NOT_AT_RISK, REJECTED, CLOSED);

  private final String wire;

  CaseState(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public boolean open() {
    return !ENDED.contains(this);
  }

  public static Optional<CaseState> fromWire(String s) {
    return Arrays.stream(values()).filter(v -> v.wire.equals(s)).findFirst();
  }

  public static CaseState of(String s) {
    return fromWire(s).orElseThrow(() -> new IllegalArgumentException("unknown case state " + s));
  }
}
