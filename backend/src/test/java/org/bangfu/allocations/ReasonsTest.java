package org.bangfu.allocations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.bangfu.matching.model.Affinity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The affinity reasons of the allocation spec, as claims and "why it suits you" state them: the
 * rule of the matching module ({@link Affinity}), on the ids the server has.
 */
@DisplayName("Why a donor suits a need")
class ReasonsTest {
  static final Affinity.Place NEED = new Affinity.Place("350821-T01-V01", "350821-T01", "350821");

  static Affinity.Ties ties(
      String home,
      String county,
      String township,
      String village,
      Set<String> paired,
      Set<String> pairedCounties) {
    return new Affinity.Ties(home, county, township, village, paired, pairedCounties);
  }

  /** The reasons' wire names, as the API states them. */
  static final class Reasons {
    static List<String> of(Affinity.Place place, Affinity.Ties ties) {
      return Affinity.wireNames(Affinity.reasons(place, ties));
    }
  }

  @Test
  @DisplayName("all reasons in the spec's order, with only the most specific hometown reason")
  void everyReason() {
    var t =
        ties(
            "350821",
            "350821",
            "350821-T01",
            "350821-T01-V01",
            Set.of("350821-T01-V01"),
            Set.of("350821"));
    assertThat(Reasons.of(NEED, t))
        .containsExactly("paired-village", "hometown-village", "paired-county", "same-county");
  }

  @Test
  @DisplayName("a hometown in the same township or county gives the township or county reason")
  void hometownLevels() {
    assertThat(
            Reasons.of(
                NEED, ties(null, "350821", "350821-T01", "350821-T01-V09", Set.of(), Set.of())))
        .containsExactly("hometown-township");
    assertThat(Reasons.of(NEED, ties(null, "350821", "350821-T02", null, Set.of(), Set.of())))
        .containsExactly("hometown-county");
  }

  @Test
  @DisplayName(
      "a 晋江 enterprise and a 长汀 village: the mountain-sea pairing; nothing ties a stranger")
  void pairedCountyOrNothing() {
    assertThat(Reasons.of(NEED, ties("350582", null, null, null, Set.of(), Set.of("350821"))))
        .containsExactly("paired-county");
    assertThat(Reasons.of(NEED, ties("350524", null, null, null, Set.of(), Set.of()))).isEmpty();
  }
}
