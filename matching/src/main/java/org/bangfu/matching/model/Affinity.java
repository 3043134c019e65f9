package org.bangfu.matching.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The donor–need affinity rule of the allocation spec, in one place: which {@link Reason}s tie a
 * donor to the place of a need, in the spec's order, with at most one hometown reason (the most
 * specific: village, else township, else county). The engine evaluates it on its region indices
 * ({@code network.Regions}) for the objective and the explanation; the server evaluates it on ids
 * ({@link #reasons(Place, Ties)}) for claims and for "why it suits you".
 */
public final class Affinity {
  /** Bit of each reason in a set of reasons ({@code 1 << ordinal}). */
  private static final Reason[] AFFINITIES = {
    Reason.PAIRED_VILLAGE, Reason.HOMETOWN_VILLAGE, Reason.HOMETOWN_TOWNSHIP,
    Reason.HOMETOWN_COUNTY, Reason.PAIRED_COUNTY, Reason.SAME_COUNTY
  };

  private Affinity() {}

  /** Where a need is. */
  public record Place(String village, String township, String county) {}

  /** What ties a donor to places. */
  public record Ties(
      String homeCounty,
      String hometownCounty,
      String hometownTownship,
      String hometownVillage,
      Set<String> pairedVillages,
      Set<String> countiesPairedWithHome) {
    public Ties {
      pairedVillages = pairedVillages == null ? Set.of() : Set.copyOf(pairedVillages);
      countiesPairedWithHome =
          countiesPairedWithHome == null ? Set.of() : Set.copyOf(countiesPairedWithHome);
    }
  }

  /**
   * The rule: the facts that hold between a donor and a place, as a set of reasons (one bit per
   * {@link Reason}, {@code 1 << ordinal}).
   */
  public static int of(
      boolean pairedVillage,
      boolean hometownVillage,
      boolean hometownTownship,
      boolean hometownCounty,
      boolean pairedCounty,
      boolean sameCounty) {
    int set = 0;
    if (pairedVillage) {
      set |= bit(Reason.PAIRED_VILLAGE);
    }
    if (hometownVillage) {
      set |= bit(Reason.HOMETOWN_VILLAGE);
    } else if (hometownTownship) {
      set |= bit(Reason.HOMETOWN_TOWNSHIP);
    } else if (hometownCounty) {
      set |= bit(Reason.HOMETOWN_COUNTY);
    }
    if (pairedCounty) {
      set |= bit(Reason.PAIRED_COUNTY);
    }
    if (sameCounty) {
      set |= bit(Reason.SAME_COUNTY);
    }
    return set;
  }

  /** The reasons a donor suits a need at {@code place}, in the spec's order. */
  public static List<Reason> reasons(Place place, Ties donor) {
    return reasons(
        of(
            donor.pairedVillages().contains(place.village()),
            place.village().equals(donor.hometownVillage()),
            place.township() != null && place.township().equals(donor.hometownTownship()),
            place.county() != null && place.county().equals(donor.hometownCounty()),
            donor.countiesPairedWithHome().contains(place.county()),
            place.county() != null && place.county().equals(donor.homeCounty())));
  }

  /** The reasons of a set, in the spec's order. */
  public static List<Reason> reasons(int set) {
    List<Reason> out = new ArrayList<>(3);
    for (Reason r : AFFINITIES) {
      if ((set & bit(r)) != 0) {
        out.add(r);
      }
    }
    return out;
  }

  /** The affinity of a set: the sum of its reasons' weights. */
  public static long weight(int set, Weights w) {
    long a = 0;
    for (Reason r : AFFINITIES) {
      if ((set & bit(r)) != 0) {
        a += r.weight(w);
      }
    }
    return a;
  }

  /** The reasons' wire names ({@code paired-village}…). */
  public static List<String> wireNames(List<Reason> reasons) {
    return reasons.stream().map(Reason::wireName).toList();
  }

  private static int bit(Reason r) {
    return 1 << r.ordinal();
  }
}
