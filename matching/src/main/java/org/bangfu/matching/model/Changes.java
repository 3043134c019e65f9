package org.bangfu.matching.model;

import java.util.List;

/**
 * What changed since a round was solved, for an incremental round: needs and pledges added or
 * replaced (an id already in the round replaces that item), needs and pledges removed (by id), and
 * caps set (a cap replaces the one of its village and unit). Villages and counties stay as they
 * were.
 */
public record Changes(
    List<Need> needs,
    List<String> removedNeeds,
    List<Pledge> pledges,
    List<String> removedPledges,
    List<Cap> caps) {
  public Changes {
    needs = needs == null ? List.of() : List.copyOf(needs);
    removedNeeds = removedNeeds == null ? List.of() : List.copyOf(removedNeeds);
    pledges = pledges == null ? List.of() : List.copyOf(pledges);
    removedPledges = removedPledges == null ? List.of() : List.copyOf(removedPledges);
    caps = caps == null ? List.of() : List.copyOf(caps);
  }

  public static Changes of(List<Need> needs, List<Pledge> pledges) {
    return new Changes(needs, List.of(), pledges, List.of(), List.of());
  }
}
