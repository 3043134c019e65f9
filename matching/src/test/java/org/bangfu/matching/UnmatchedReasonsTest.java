package org.bangfu.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.matching.model.Cap;
import org.bangfu.matching.model.County;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Result;
import org.bangfu.matching.model.Unmatched;
import org.bangfu.matching.model.UnmatchedReason;
import org.bangfu.matching.model.Village;
import org.bangfu.matching.model.Weights;
import org.bangfu.matching.testing.ResultChecker;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each reason a need is left short, on a round made for it — and the same round with the cause
 * taken away, where the need is served (or the reason moves on to the next one).
 */
class UnmatchedReasonsTest {
  static final LocalDate DATE = LocalDate.of(2018, 10, 17);
  static final List<County> COUNTIES =
      List.of(new County("C1", "甲县", List.of()), new County("C2", "乙县", List.of()));
  static final List<Village> VILLAGES =
      List.of(new Village("V1", "C1", "T1"), new Village("V2", "C2", "T2"));

  static Need need(String id, String village, String category, String unit, long q) {
    return new Need(id, village, category, unit, q, 3, null);
  }

  static Pledge pledge(
      String id, String unit, long q, List<String> cats, List<String> scope, Long max) {
    return new Pledge(id, "D" + id, unit, q, cats, scope, null, null, List.of(), max, null);
  }

  static Result solve(List<Cap> caps, List<Need> needs, List<Pledge> pledges, Weights w) {
    Problem p = new Problem(DATE, w, COUNTIES, VILLAGES, caps, needs, pledges);
    Result r = new AllocationEngine().solve(p);
    assertThat(ResultChecker.violations(p, r)).isEmpty();
    return r;
  }

  static Result solve(List<Cap> caps, List<Need> needs, List<Pledge> pledges) {
    return solve(caps, needs, pledges, null);
  }

  static UnmatchedReason reasonOf(Result r, String need) {
    return r.unmatched().stream()
        .filter(u -> u.need().equals(need))
        .map(Unmatched::reason)
        .findFirst()
        .orElse(null);
  }

  @Test
  @DisplayName("past its deadline: the need takes no part")
  void pastDeadline() {
    Need late = new Need("N1", "V1", "health", "CNY", 100, 3, DATE.minusDays(1));
    Result r =
        solve(
            List.of(),
            List.of(late),
            List.of(pledge("P1", "CNY", 100, List.of(), List.of(), null)));
    assertThat(r.unmatched())
        .containsExactly(new Unmatched("N1", 0, 100, UnmatchedReason.PAST_DEADLINE));
    assertThat(r.needSummaries()).isEmpty();
  }

  @Test
  @DisplayName("no pledge of the unit; then one of another unit is not enough, one of the unit is")
  void noPledgeOfUnit() {
    List<Need> needs = List.of(need("N1", "V1", "employment", "job", 2));
    Result r =
        solve(List.of(), needs, List.of(pledge("P1", "CNY", 100, List.of(), List.of(), null)));
    assertThat(reasonOf(r, "N1")).isEqualTo(UnmatchedReason.NO_PLEDGE_OF_UNIT);
    Result served =
        solve(List.of(), needs, List.of(pledge("P2", "job", 2, List.of(), List.of(), null)));
    assertThat(served.unmatched()).isEmpty();
  }

  @Test
  @DisplayName("no pledge for the category, then none in scope, then none left")
  void categoryThenScope() {
    List<Need> needs = List.of(need("N1", "V1", "health", "CNY", 100));
    Pledge education = pledge("P1", "CNY", 100, List.of("education"), List.of(), null);
    assertThat(reasonOf(solve(List.of(), needs, List.of(education)), "N1"))
        .isEqualTo(UnmatchedReason.NO_PLEDGE_FOR_CATEGORY);
    Pledge elsewhere = pledge("P2", "CNY", 100, List.of("health"), List.of("C2"), null);
    assertThat(reasonOf(solve(List.of(), needs, List.of(education, elsewhere)), "N1"))
        .isEqualTo(UnmatchedReason.NO_PLEDGE_IN_SCOPE);
    Pledge here = pledge("P3", "CNY", 100, List.of("health"), List.of("C1"), null);
    assertThat(solve(List.of(), needs, List.of(education, elsewhere, here)).unmatched()).isEmpty();
  }

  @Test
  @DisplayName("the village's cap is used up; without the cap the need is served")
  void capReached() {
    List<Need> needs =
        List.of(need("N1", "V1", "health", "CNY", 100), need("N2", "V1", "health", "CNY", 100));
    List<Pledge> pledges = List.of(pledge("P1", "CNY", 500, List.of(), List.of(), null));
    Result r = solve(List.of(new Cap("V1", "CNY", 150)), needs, pledges);
    assertThat(r.unmatched())
        .extracting(Unmatched::reason)
        .containsOnly(UnmatchedReason.VILLAGE_CAP_REACHED);
    assertThat(r.unmatched()).extracting(Unmatched::remaining).containsExactly(50L);
    assertThat(solve(List.of(), needs, pledges).unmatched()).isEmpty();
  }

  @Test
  @DisplayName("a pledge has something left but gives the need its maximum; without it, no")
  void maxPerNeed() {
    List<Need> needs =
        List.of(need("N1", "V1", "health", "CNY", 1000), need("N2", "V2", "health", "CNY", 10));
    Result r =
        solve(List.of(), needs, List.of(pledge("P1", "CNY", 5000, List.of(), List.of(), 300L)));
    assertThat(r.unmatched())
        .containsExactly(new Unmatched("N1", 300, 700, UnmatchedReason.MAX_PER_NEED_REACHED));
    Result unlimited =
        solve(List.of(), needs, List.of(pledge("P1", "CNY", 5000, List.of(), List.of(), null)));
    assertThat(unlimited.unmatched()).isEmpty();
  }

  @Test
  @DisplayName("every pledge that could give is used up on needs that score higher")
  void usedElsewhere() {
    List<Need> needs =
        List.of(
            new Need("N1", "V1", "health", "CNY", 100, 5, null),
            new Need("N2", "V1", "health", "CNY", 100, 1, null));
    List<Pledge> one = List.of(pledge("P1", "CNY", 100, List.of(), List.of(), null));
    Result r = solve(List.of(), needs, one);
    // the coverage bonus splits the pledge over both first halves; the rest of each is short
    assertThat(r.unmatched())
        .extracting(Unmatched::reason)
        .containsOnly(UnmatchedReason.PLEDGES_USED_ELSEWHERE);
    List<Pledge> more = new ArrayList<>(one);
    more.add(pledge("P2", "CNY", 100, List.of(), List.of(), null));
    assertThat(solve(List.of(), needs, more).unmatched()).isEmpty();
  }

  @Test
  @DisplayName("with every weight at zero, what is left earns nothing and stays")
  void noGain() {
    Weights zero = new Weights(0, 0, 0, 0, 0, 0, 0, 0);
    Result r =
        solve(
            List.of(),
            List.of(need("N1", "V1", "health", "CNY", 100)),
            List.of(pledge("P1", "CNY", 100, List.of(), List.of(), null)),
            zero);
    assertThat(r.objective()).isZero();
    assertThat(reasonOf(r, "N1")).isIn(UnmatchedReason.NO_GAIN, null);
  }
}
