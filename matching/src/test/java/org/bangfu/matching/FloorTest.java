package org.bangfu.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.bangfu.matching.UnmatchedReasonsTest.need;
import static org.bangfu.matching.UnmatchedReasonsTest.pledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.matching.model.Allocation;
import org.bangfu.matching.model.Changes;
import org.bangfu.matching.model.ItemSummary;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Options;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Result;
import org.bangfu.matching.model.Unmatched;
import org.bangfu.matching.model.UnmatchedReason;
import org.bangfu.matching.testing.ChangeGenerator;
import org.bangfu.matching.testing.ProblemGenerator;
import org.bangfu.matching.testing.ProblemGenerator.Config;
import org.bangfu.matching.testing.ResultChecker;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Floors: a need the round leaves short keeps only pieces of at least its unit's floor; smaller
 * pieces stay with their pledges and the need says {@code below-floor}; a piece that completes its
 * need is kept however small. Checked on hand-made rounds and, against the rule applied by the test
 * to the answer without floors, on generated ones.
 */
class FloorTest {
  static Result solve(List<Need> needs, List<Pledge> pledges, Map<String, Long> floors) {
    Problem p =
        new Problem(
            UnmatchedReasonsTest.DATE,
            null,
            UnmatchedReasonsTest.COUNTIES,
            UnmatchedReasonsTest.VILLAGES,
            List.of(),
            needs,
            pledges);
    return new AllocationEngine().solve(p, Options.NONE.withFloors(floors));
  }

  @Test
  @DisplayName("a remainder below the floor is not split off to a need it leaves short")
  void remainderStaysWithThePledge() {
    List<Need> needs = List.of(need("N1", "V1", "health", "CNY", 10));
    List<Pledge> pledges = List.of(pledge("P1", "CNY", 3, List.of(), List.of(), null));
    Result without = solve(needs, pledges, Map.of());
    assertThat(without.allocations()).extracting(Allocation::quantity).containsExactly(3L);

    Result r = solve(needs, pledges, Map.of("CNY", 5L));
    assertThat(r.allocations()).isEmpty();
    assertThat(r.objective()).isZero();
    assertThat(r.pledgeSummaries()).containsExactly(new ItemSummary("P1", 0, 3));
    assertThat(r.unmatched())
        .containsExactly(new Unmatched("N1", 0, 10, UnmatchedReason.BELOW_FLOOR));
    assertThat(r.donorRows()).isEmpty();
  }

  @Test
  @DisplayName(
      "a small piece that completes its need is kept; the floor of another unit is not used")
  void completingPieceIsKept() {
    List<Need> needs =
        List.of(need("N1", "V1", "health", "CNY", 3), need("N2", "V1", "employment", "job", 2));
    List<Pledge> pledges =
        List.of(
            pledge("P1", "CNY", 10, List.of(), List.of(), null),
            pledge("P2", "job", 1, List.of(), List.of(), null));
    Result r = solve(needs, pledges, Map.of("CNY", 5L));
    assertThat(r.allocations())
        .extracting(Allocation::need, Allocation::quantity)
        .containsExactly(tuple("N1", 3L), tuple("N2", 1L));
    assertThat(r.unmatched())
        .extracting(Unmatched::reason)
        .doesNotContain(UnmatchedReason.BELOW_FLOOR);
  }

  @Test
  @DisplayName(
      "a need short of its quantity keeps the pieces that reach the floor, loses the others")
  void bigPiecesStay() {
    List<Need> needs = List.of(need("N1", "V1", "health", "CNY", 100));
    List<Pledge> pledges =
        List.of(
            pledge("P1", "CNY", 60, List.of(), List.of(), null),
            pledge("P2", "CNY", 4, List.of(), List.of(), null));
    Result r = solve(needs, pledges, Map.of("CNY", 5L));
    assertThat(r.allocations())
        .extracting(Allocation::pledge, Allocation::quantity)
        .containsExactly(tuple("P1", 60L));
    assertThat(r.unmatched())
        .containsExactly(new Unmatched("N1", 60, 40, UnmatchedReason.BELOW_FLOOR));
    assertThat(r.pledgeSummaries()).contains(new ItemSummary("P2", 0, 4));
  }

  @ParameterizedTest(name = "seed {0}: {1} needs × {2} pledges, floor ¥{3}, {4} jobs")
  @CsvSource({
    "71, 300, 60, 2000, 1",
    "72, 1000, 150, 500, 2",
    "73, 2000, 300, 5000, 1",
    "74, 600, 100, 20000, 3"
  })
  @DisplayName(
      "generated rounds: exactly the answer without floors, minus the pieces the rule drops")
  void generatedRounds(long seed, int needs, int pledges, long cny, long jobs) {
    Problem p = ProblemGenerator.generate(Config.realistic(seed, needs, pledges, 0.5));
    Map<String, Long> floors = Map.of("CNY", cny, "job", jobs);
    Result plain = new AllocationEngine().solve(p);
    Result r = new AllocationEngine().solve(p, Options.NONE.withFloors(floors));

    Map<String, Need> byId = byId(p);
    List<Allocation> expected = applyRule(byId, plain.allocations(), floors);
    assertThat(r.allocations()).isEqualTo(expected);
    assertThat(expected.size())
        .as("the floor drops some pieces")
        .isLessThan(plain.allocations().size());
    assertThat(r.objective()).isLessThan(plain.objective());
    assertFloorsHold(p, r, floors);
    List<String> belowFloor =
        r.unmatched().stream()
            .filter(u -> u.reason() == UnmatchedReason.BELOW_FLOOR)
            .map(Unmatched::need)
            .toList();
    List<String> lost = new ArrayList<>();
    for (Allocation a : plain.allocations()) {
      if (!expected.contains(a) && !lost.contains(a.need())) {
        lost.add(a.need());
      }
    }
    assertThat(belowFloor).containsExactlyInAnyOrderElementsOf(lost);
  }

  @Test
  @DisplayName("a floor of 1 changes nothing")
  void floorOfOne() {
    Problem p = ProblemGenerator.generate(Config.realistic(75, 800, 120, 0.5));
    Result plain = new AllocationEngine().solve(p);
    Result r = new AllocationEngine().solve(p, Options.NONE.withFloors(Map.of("CNY", 1L)));
    assertThat(r).isEqualTo(plain);
  }

  @Test
  @DisplayName("incremental rounds keep the floor: every piece reaches it or completes its need")
  void incrementalRounds() {
    Problem p = ProblemGenerator.generate(Config.realistic(76, 1000, 150, 0.5));
    Map<String, Long> floors = Map.of("CNY", 3000L);
    RoundSession session = new AllocationEngine().open(p, Options.NONE.withFloors(floors));
    assertFloorsHold(p, session.result(), floors);
    java.util.Random rnd = new java.util.Random(76);
    for (int round = 0; round < 3; round++) {
      Changes ch = ChangeGenerator.random(p, rnd, 30, "r" + round);
      p = ChangeGenerator.apply(p, ch);
      Result r = session.apply(ch);
      assertFloorsHold(p, r, floors);
      assertThat(r.unmatched()).extracting(Unmatched::reason).contains(UnmatchedReason.BELOW_FLOOR);
    }
  }

  /** Feasible and true to its allocations; every piece reaches its floor or completes its need. */
  static void assertFloorsHold(Problem p, Result r, Map<String, Long> floors) {
    // what the floor leaves with a pledge could still earn something, and the needs that lost
    // pieces say below-floor: the checker's optimality and reasons do not apply
    List<String> violations = new ArrayList<>(ResultChecker.violations(p, r));
    violations.removeIf(v -> v.startsWith("unmatched needs ") || v.startsWith("not optimal: "));
    assertThat(violations).isEmpty();
    Map<String, Need> byId = byId(p);
    Map<String, Long> remaining = new HashMap<>();
    r.needSummaries().forEach(s -> remaining.put(s.id(), s.remaining()));
    for (Allocation a : r.allocations()) {
      Need n = byId.get(a.need());
      boolean complete = remaining.get(n.id()) == 0;
      assertThat(complete || a.quantity() >= floors.getOrDefault(n.unit(), 0L))
          .as("%s", a)
          .isTrue();
    }
  }

  /** The floor rule, applied to an answer's allocations independently of the engine. */
  static List<Allocation> applyRule(
      Map<String, Need> byId, List<Allocation> all, Map<String, Long> floors) {
    Map<String, Long> total = new HashMap<>();
    all.forEach(a -> total.merge(a.need(), a.quantity(), Long::sum));
    List<Allocation> kept = new ArrayList<>();
    for (Allocation a : all) {
      Need n = byId.get(a.need());
      long floor = floors.getOrDefault(n.unit(), 0L);
      if (total.get(n.id()) >= n.quantity() || a.quantity() >= floor) {
        kept.add(a);
      }
    }
    return kept;
  }

  static Map<String, Need> byId(Problem p) {
    Map<String, Need> out = new HashMap<>();
    p.needs().forEach(n -> out.put(n.id(), n));
    return out;
  }
}
