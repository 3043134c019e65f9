package org.bangfu.accountability;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Why a 问责 case may be opened: what the record already proves (docs/oversight.md). A finding that
 * is both repeated and late is opened as repeated, the graver ground.
 */
public enum Ground {
  /** A 12317 report whose latest answer found it founded or partly founded. */
  FOUNDED_REPORT("founded_report"),
  /** A finding recorded after an earlier finding on the same subject had been accepted (销号). */
  REPEATED_FINDING("repeated_finding"),
  /** A finding accepted with its rectification submitted after the deadline day. */
  LATE_RECTIFICATION("late_rectification");

  public static final List<String> WIRES = Arrays.stream(values()).map(Ground::wire).toList();

  private final String wire;

  Ground(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<Ground> fromWire(String s) {
    return Arrays.stream(values()).filter(g -> g.wire.equals(s)).findFirst();
  }
}
