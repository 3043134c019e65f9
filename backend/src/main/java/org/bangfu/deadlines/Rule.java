package org.bangfu.deadlines;

/**
 * Under which rule a deadline runs: the setting that fixed its window ({@code
 * BANGFU_REPORT_ACK_WORKING_DAYS}), the setting's value, and what the value counts. A window the
 * workflow fixes itself (a finding's date) has no value.
 */
public record Rule(String setting, Integer value, Unit unit) {

  public enum Unit {
    DAYS("days"),
    WORKING_DAYS("working_days"),
    /** A date the workflow set (the inspection's deadline for a finding). */
    DATE("date");

    private final String wire;

    Unit(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Unit fromWire(String s) {
      for (Unit u : values()) {
        if (u.wire.equals(s)) {
          return u;
        }
      }
      throw new IllegalArgumentException("unknown rule unit " + s);
    }
  }

  public static Rule days(String setting, int value) {
    return new Rule(setting, value, Unit.DAYS);
  }
}
