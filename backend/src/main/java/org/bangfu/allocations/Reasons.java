package org.bangfu.allocations;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Why a donor suits a need: the affinity reasons of the allocation spec, in its order, with
 * at most one hometown reason (the most specific). Claims and the "why it suits you" of a
 * need use this; match rounds take the engine's own reasons, which follow the same table.
 */
public final class Reasons {
    private Reasons() {
    }

    /** Where a need is. */
    public record Place(String village, String township, String county) {
    }

    /** What ties a donor to places. */
    public record Ties(String homeCounty, String hometownCounty, String hometownTownship, String hometownVillage,
                       Set<String> pairedVillages, Set<String> countiesPairedWithHome) {
    }

    public static List<String> of(Place need, Ties donor) {
        List<String> reasons = new ArrayList<>();
        if (donor.pairedVillages().contains(need.village())) {
            reasons.add("paired-village");
        }
        if (need.village().equals(donor.hometownVillage())) {
            reasons.add("hometown-village");
        } else if (need.township().equals(donor.hometownTownship())) {
            reasons.add("hometown-township");
        } else if (need.county().equals(donor.hometownCounty())) {
            reasons.add("hometown-county");
        }
        if (donor.countiesPairedWithHome().contains(need.county())) {
            reasons.add("paired-county");
        }
        if (need.county().equals(donor.homeCounty())) {
            reasons.add("same-county");
        }
        return reasons;
    }
}
