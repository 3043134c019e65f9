package org.bangfu.campaigns;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A campaign of social participation (百企帮百村, 百会扶百村, 百侨助百村, 山海协作): its period, the donor types that
 * may enrol (empty: anyone), the region pairing it follows (the mountain-sea pairing for 山海协作),
 * what it sets out to reach ({@link Targets}) and, once the united front closed it, when.
 */
public record Campaign(
    long id,
    String code,
    String name,
    String description,
    LocalDate startsOn,
    LocalDate endsOn,
    List<String> donorTypes,
    String regionPairingKind,
    OffsetDateTime closedAt,
    Targets targets,
    long donorsEnrolled,
    long villagesPaired,
    long pairingsPending) {

  public Campaign {
    donorTypes = List.copyOf(donorTypes);
  }

  /** Where a campaign stands on a day. */
  public enum State {
    UPCOMING("upcoming"),
    OPEN("open"),
    ENDED("ended"),
    CLOSED("closed");

    private final String wire;

    State(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  public State stateOn(LocalDate day) {
    if (closedAt != null) {
      return State.CLOSED;
    }
    if (day.isBefore(startsOn)) {
      return State.UPCOMING;
    }
    if (endsOn != null && day.isAfter(endsOn)) {
      return State.ENDED;
    }
    return State.OPEN;
  }

  /** Whether a donor of this type may enrol. */
  public boolean admits(String donorType) {
    return donorTypes.isEmpty() || donorTypes.contains(donorType);
  }
}
