package org.bangfu.deadlines;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * One deadline as stored: what and whose, its window (amber from {@code amberAt}, late from {@code
 * dueAt}), its rule, whether it is still open, what the job has announced ({@code phase}) and
 * whether (when, to whom) it was escalated. {@code kind} is the wire name, so a row of a kind this
 * version does not know still reads.
 */
public record Deadline(
    long id,
    String kind,
    Subject subject,
    String title,
    Owner who,
    String place,
    OffsetDateTime startsAt,
    OffsetDateTime dueAt,
    OffsetDateTime amberAt,
    Rule rule,
    State state,
    OffsetDateTime closedAt,
    String phase,
    int escalationLevel,
    OffsetDateTime escalatedAt,
    Owner escalatedTo) {

  public enum State {
    OPEN,
    MET,
    CANCELLED;

    public String wire() {
      return name().toLowerCase();
    }

    public static State fromWire(String s) {
      return valueOf(s.toUpperCase());
    }
  }

  /** Where the deadline stands at {@code now}: to do, due soon (amber) or late (red). */
  public enum Section {
    TODO("todo"),
    SOON("soon"),
    LATE("late");

    private final String wire;

    Section(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static java.util.Optional<Section> fromWire(String s) {
      for (Section x : values()) {
        if (x.wire.equals(s)) {
          return java.util.Optional.of(x);
        }
      }
      return java.util.Optional.empty();
    }
  }

  public Section sectionAt(Instant now) {
    if (!now.isBefore(dueAt.toInstant())) {
      return Section.LATE;
    }
    return now.isBefore(amberAt.toInstant()) ? Section.TODO : Section.SOON;
  }
}
