package org.bangfu.reports;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A report's course: received → accepted (受理) or not accepted (不予受理, with the reason) →
 * investigating (调查核实) → answered (答复) → closed (办结); the reporter may ask once for a review of the
 * answer (申请复核), which sends it back to investigating.
 */
public enum ReportStatus {
  RECEIVED("received"),
  ACCEPTED("accepted"),
  NOT_ACCEPTED("not_accepted"),
  INVESTIGATING("investigating"),
  ANSWERED("answered"),
  REVIEW_REQUESTED("review_requested"),
  CLOSED("closed");

  public static final List<String> WIRES = Arrays.stream(values()).map(ReportStatus::wire).toList();

  private final String wire;

  ReportStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<ReportStatus> fromWire(String w) {
    return Arrays.stream(values()).filter(s -> s.wire.equals(w)).findFirst();
  }
}
