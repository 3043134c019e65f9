package org.bangfu.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bangfu.matching.model.Changes;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Options;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Result;
import org.bangfu.matching.testing.BruteForce;
import org.bangfu.matching.testing.ChangeGenerator;
import org.bangfu.matching.testing.ProblemGenerator;
import org.bangfu.matching.testing.ProblemGenerator.Config;
import org.bangfu.matching.testing.ResultChecker;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Incremental rounds: after random changes, the round re-solved warm gives the optimum of the
 * changed round solved from scratch (and passes the checker on it), change after change.
 */
class IncrementalTest {

  @ParameterizedTest(
      name = "seed {0}: {1} needs × {2} pledges, scoped share {3}, 4 rounds of changes")
  @CsvSource({
    "51, 200, 40, 0.5",
    "52, 400, 80, 0.7",
    "53, 300, 60, 0.0",
    "54, 600, 100, 0.9",
    "55, 1000, 150, 0.7",
    "56, 2000, 300, 0.5"
  })
  @DisplayName("incremental rounds equal a cold solve of the changed round")
  void warmEqualsCold(long seed, int needs, int pledges, double scoped) {
    Problem p = ProblemGenerator.generate(Config.realistic(seed, needs, pledges, scoped));
    Random r = new Random(seed);
    RoundSession session = new AllocationEngine().open(p, Options.NONE);
    for (int round = 0; round < 4; round++) {
      Changes ch = ChangeGenerator.random(p, r, 2 + needs / 40, "r" + round);
      p = ChangeGenerator.apply(p, ch);
      Result warm = session.apply(ch);
      Result cold = new AllocationEngine().solve(p);
      assertThat(ResultChecker.violations(p, warm)).as("round %d", round).isEmpty();
      assertThat(warm.objective()).as("round %d", round).isEqualTo(cold.objective());
      assertThat(warm.needSummaries().size()).isEqualTo(cold.needSummaries().size());
    }
  }

  /**
   * Days of new needs and no pledge changed: after the first, every capped pledge is an old one, so
   * the pricing rounds search only where potentials moved since the last round that found nothing —
   * pledges whose potential fell, subtrees where a class rose. Missing either shows here as a worse
   * objective than the cold solve's (the rise of classes in the first rows, the fall of pledges in
   * the last three).
   */
  @ParameterizedTest(name = "seed {0}: {1} needs × {2} pledges, 6 days of new needs")
  @CsvSource({
    "61, 400, 80, 0.7",
    "62, 800, 120, 0.5",
    "63, 1500, 200, 0.7",
    "64, 600, 150, 0.9",
    "65, 1000, 100, 0.3",
    "66, 2000, 250, 0.7",
    "113, 900, 180, 0.9",
    "127, 700, 140, 0.6",
    "129, 1100, 220, 0.3"
  })
  @DisplayName("days of new needs only: the pricing of what moved equals a cold solve")
  void newNeedsOnly(long seed, int needs, int pledges, double scoped) {
    Problem p = ProblemGenerator.generate(Config.realistic(seed, needs, pledges, scoped));
    Random r = new Random(seed);
    RoundSession session = new AllocationEngine().open(p, Options.NONE);
    for (int day = 0; day < 6; day++) {
      Changes ch = ChangeGenerator.day(p, r, 1 + needs / 50, 0);
      ch = renamed(ch, "d" + day);
      p = ChangeGenerator.apply(p, ch);
      Result warm = session.apply(ch);
      Result cold = new AllocationEngine().solve(p);
      assertThat(ResultChecker.violations(p, warm)).as("day %d", day).isEmpty();
      assertThat(warm.objective()).as("day %d", day).isEqualTo(cold.objective());
    }
  }

  /** The same changes with the new needs' ids made unique to the day. */
  private static Changes renamed(Changes ch, String day) {
    List<Need> needs = new ArrayList<>();
    for (Need n : ch.needs()) {
      needs.add(
          new Need(
              n.id() + "-" + day,
              n.village(),
              n.category(),
              n.unit(),
              n.quantity(),
              n.priority(),
              n.deadline()));
    }
    return new Changes(needs, ch.removedNeeds(), ch.pledges(), ch.removedPledges(), ch.caps());
  }

  @ParameterizedTest(name = "tiny rounds, seeds {0}..{0}+59: brute force after changes")
  @ValueSource(longs = {5_000, 6_000})
  @DisplayName("tiny rounds changed and re-solved: brute force agrees")
  void tinyAgainstBruteForce(long firstSeed) {
    for (long seed = firstSeed; seed < firstSeed + 60; seed++) {
      Problem p =
          ProblemGenerator.generate(
              Config.tiny(seed, 1 + (int) (seed % 3), 1 + (int) (seed / 3 % 3)));
      Random r = new Random(seed);
      RoundSession session = new AllocationEngine().open(p, Options.NONE);
      for (int round = 0; round < 2; round++) {
        Changes ch = ChangeGenerator.random(p, r, 2, "t" + round);
        p = ChangeGenerator.apply(p, ch);
        Result warm = session.apply(ch);
        assertThat(ResultChecker.violations(p, warm)).as("seed %d round %d", seed, round).isEmpty();
        assertThat(warm.objective())
            .as("seed %d round %d", seed, round)
            .isEqualTo(BruteForce.optimum(p));
      }
    }
  }

  @Test
  @DisplayName("a change naming an unknown village or a need not in the round is refused whole")
  void badChangesAreRefused() {
    Problem p = ProblemGenerator.generate(Config.realistic(61, 100, 20, 0.5));
    RoundSession session = new AllocationEngine().open(p, Options.NONE);
    long before = session.result().objective();
    Need n = p.needs().get(0);
    Need elsewhere = new Need("new", "V-nowhere", n.category(), n.unit(), 10, 3, n.deadline());
    assertThatThrownBy(
            () ->
                session.apply(
                    new Changes(
                        List.of(elsewhere), List.of("N-none"), List.of(), List.of(), List.of())))
        .isInstanceOf(InvalidProblemException.class)
        .satisfies(
            e ->
                assertThat(((InvalidProblemException) e).lines())
                    .containsExactly(
                        "changes.needs[0] (id \"new\"): village \"V-nowhere\" is not a known village",
                        "changes.removedNeeds: \"N-none\" is not a need of the round"));
    assertThat(session.result().objective()).isEqualTo(before);
  }
}
