package org.bangfu.monitor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.bangfu.matching.model.Affinity;
import org.bangfu.matching.model.Reason;
import org.bangfu.matching.model.Weights;

/**
 * The donors most likely to help a confirmed risk, in order: the household's hometown and paired
 * donors first, by the one rule of donor–need ties ({@link Affinity}) and its weights; then who has
 * more left to give. Each with the reasons in words, as the donor and the secretary read them.
 */
final class HelpProposals {
  /** How many donors a risk's help is proposed to. */
  static final int MAX = 5;

  private HelpProposals() {}

  /** A donor ranked for the help, with why. */
  record Ranked(ProposalRepository.Candidate donor, List<Reason> reasons, long weight) {}

  static List<ProposalRepository.NewProposal> rank(
      Affinity.Place place, List<ProposalRepository.Candidate> candidates) {
    List<Ranked> ranked = new ArrayList<>();
    for (ProposalRepository.Candidate c : candidates) {
      List<Reason> reasons = Affinity.reasons(place, ties(c, place));
      if (!reasons.isEmpty()) {
        ranked.add(new Ranked(c, reasons, weight(reasons)));
      }
    }
    ranked.sort(
        Comparator.comparingLong(Ranked::weight)
            .reversed()
            .thenComparing(r -> -r.donor().available())
            .thenComparingLong(r -> r.donor().donorId()));
    List<ProposalRepository.NewProposal> out = new ArrayList<>();
    for (int i = 0; i < Math.min(MAX, ranked.size()); i++) {
      Ranked r = ranked.get(i);
      out.add(
          new ProposalRepository.NewProposal(
              r.donor().donorId(), i + 1, Affinity.wireNames(r.reasons()), words(r)));
    }
    return out;
  }

  /** What ties this donor to the place, as the rule reads it. */
  private static Affinity.Ties ties(ProposalRepository.Candidate c, Affinity.Place place) {
    return new Affinity.Ties(
        c.homeCounty(),
        c.hometownCounty(),
        c.hometownTownship(),
        c.hometownVillage(),
        c.pairedVillage() ? Set.of(place.village()) : Set.of(),
        c.pairedCounty() && place.county() != null ? Set.of(place.county()) : Set.of());
  }

  private static long weight(List<Reason> reasons) {
    long w = 0;
    for (Reason r : reasons) {
      w += r.weight(Weights.DEFAULTS);
    }
    return w;
  }

  static String words(Ranked r) {
    List<String> parts = new ArrayList<>();
    for (Reason reason : r.reasons()) {
      parts.add(word(reason));
    }
    return r.donor().name() + "：" + String.join("；", parts);
  }

  static String word(Reason reason) {
    return switch (reason) {
      case PAIRED_VILLAGE -> "与本村结对帮扶";
      case HOMETOWN_VILLAGE -> "家乡就在本村";
      case HOMETOWN_TOWNSHIP -> "家乡在本乡镇";
      case HOMETOWN_COUNTY -> "家乡在本县";
      case PAIRED_COUNTY -> "山海协作对口县";
      case SAME_COUNTY -> "同县企业";
      case PRIORITY_CATEGORY -> "需求紧急";
    };
  }
}
