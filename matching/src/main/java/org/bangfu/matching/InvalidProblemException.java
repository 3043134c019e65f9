package org.bangfu.matching;

import java.util.List;

/** A problem that must be refused; {@link #lines()} names each item and field at fault. */
public final class InvalidProblemException extends IllegalArgumentException {
  private final List<String> lines;

  public InvalidProblemException(List<String> lines) {
    super(lines.isEmpty() ? "invalid problem" : String.join("\n", lines));
    this.lines = List.copyOf(lines);
  }

  /** One line per problem, e.g. {@code needs[3] (id "N4"): priority must be ...}. */
  public List<String> lines() {
    return lines;
  }
}
