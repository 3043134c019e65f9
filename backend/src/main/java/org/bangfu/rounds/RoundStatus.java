package org.bangfu.rounds;

/** A match round is running (one at a time, cluster-wide), done, or failed (with its error). */
public enum RoundStatus {
  RUNNING,
  DONE,
  FAILED;

  public String wire() {
    return name().toLowerCase();
  }

  public static RoundStatus of(String wire) {
    return valueOf(wire.toUpperCase());
  }
}
