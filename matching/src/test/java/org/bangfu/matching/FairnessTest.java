package org.bangfu.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.bangfu.matching.model.County;
import org.bangfu.matching.model.Fairness;
import org.bangfu.matching.model.FairnessReport;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Options;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Result;
import org.bangfu.matching.model.Village;
import org.bangfu.matching.model.Weights;
import org.bangfu.matching.testing.BruteForce;
import org.bangfu.matching.testing.OrToolsReference;
import org.bangfu.matching.testing.ProblemGenerator;
import org.bangfu.matching.testing.ProblemGenerator.Config;
import org.bangfu.matching.testing.ResultChecker;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fairness: the allocation maximises the spec's objective plus the fairness term exactly (brute
 * force, OR-Tools), and the report's figures are what they claim: the term earned, the optimum
 * without fairness, the cost, and the villages whose share moved.
 */
class FairnessTest {
  static Fairness random(Random r) {
    int steps = 1 + r.nextInt(3);
    List<Fairness.Step> out = new java.util.ArrayList<>();
    long bonus = 50 + r.nextInt(400);
    int left = 100;
    for (int k = 0; k < steps && left > 1; k++) {
      int share = 1 + r.nextInt(Math.min(60, left - 1));
      out.add(new Fairness.Step(share, bonus));
      left -= share;
      bonus = r.nextInt((int) bonus + 1);
    }
    return new Fairness(out);
  }

  static void assertReport(Problem p, Fairness f, Result fair, long plainOptimum) {
    assertThat(ResultChecker.violations(p, fair)).isEmpty();
    FairnessReport report = fair.fairness();
    assertThat(report).isNotNull();
    assertThat(report.objective()).isEqualTo(fair.objective());
    assertThat(report.fairnessTerm())
        .isEqualTo(ResultChecker.fairnessTerm(p, f, fair.allocations()));
    assertThat(report.objectiveWithoutFairness()).isEqualTo(plainOptimum);
    assertThat(report.cost()).isEqualTo(plainOptimum - fair.objective()).isNotNegative();
  }

  @ParameterizedTest(name = "tiny rounds, seeds {0}..{0}+99: brute force with the fairness term")
  @ValueSource(longs = {7_000, 8_000})
  @DisplayName("brute force agrees on the objective with fairness, and on the one without")
  void bruteForce(long firstSeed) {
    for (long seed = firstSeed; seed < firstSeed + 100; seed++) {
      Problem p =
          ProblemGenerator.generate(
              Config.tiny(seed, 1 + (int) (seed % 3), 1 + (int) (seed / 3 % 3)));
      Fairness f = random(new Random(seed));
      Result fair = new AllocationEngine().solve(p, Options.fairness(f));
      assertThat(fair.objective() + fair.fairness().fairnessTerm())
          .as("seed %d", seed)
          .isEqualTo(BruteForce.optimum(p, f));
      assertReport(p, f, fair, BruteForce.optimum(p));
    }
  }

  @ParameterizedTest(name = "seed {0}: {1} needs × {2} pledges, scoped share {3}")
  @CsvSource({"71, 300, 60, 0.5", "72, 1000, 150, 0.7", "73, 2000, 300, 0.3"})
  @DisplayName("OR-Tools agrees on Quanzhou-like rounds with fairness")
  void orTools(long seed, int needs, int pledges, double scoped) {
    Problem p = ProblemGenerator.generate(Config.realistic(seed, needs, pledges, scoped));
    Fairness f = Fairness.standard();
    Result fair = new AllocationEngine().solve(p, Options.fairness(f));
    assertThat(fair.objective() + fair.fairness().fairnessTerm())
        .isEqualTo(OrToolsReference.solve(p, f).objective());
    assertReport(p, f, fair, OrToolsReference.solve(p).objective());
  }

  @Test
  @DisplayName(
      "an empty village gets its first share before its neighbour is filled past half, and the"
          + " report says so and what it cost")
  void emptyVillageFirst() {
    Problem p =
        new Problem(
            null,
            new Weights(100, 0, 150, 120, 80, 50, 60, 30), // no coverage bonus: fairness alone
            List.of(new County("C1", "县", List.of())),
            List.of(new Village("V1", "C1", "T1"), new Village("V2", "C1", "T1")),
            List.of(),
            List.of(
                new Need("N1", "V1", "housing", "CNY", 1000, 5, null),
                new Need("N2", "V2", "housing", "CNY", 1000, 4, null)),
            List.of(
                new Pledge(
                    "P1",
                    "D1",
                    "CNY",
                    1000,
                    List.of(),
                    List.of("C1"),
                    null,
                    null,
                    List.of(),
                    null,
                    null)));
    Result plain = new AllocationEngine().solve(p);
    assertThat(plain.allocations()).hasSize(1);
    assertThat(plain.allocations().get(0).need()).isEqualTo("N1"); // the village at 0 %
    Fairness f = new Fairness(List.of(new Fairness.Step(20, 300)));
    Result fair = new AllocationEngine().solve(p, Options.fairness(f));
    assertThat(fair.allocations())
        .extracting(a -> a.need() + ":" + a.quantity())
        .containsExactly("N1:800", "N2:200");
    FairnessReport report = fair.fairness();
    assertThat(report.villages())
        .containsExactly(
            new FairnessReport.Village("V1", "CNY", 1000, 800, 1000),
            new FairnessReport.Village("V2", "CNY", 1000, 200, 0));
    assertThat(report.cost()).isEqualTo(plain.objective() - fair.objective()).isEqualTo(200 * 100);
    assertThat(report.fairnessTerm()).isEqualTo(2 * 200 * 300);
  }

  @Test
  @DisplayName("without the option the answer is the same as ever, and has no fairness report")
  void withoutTheOption() {
    Problem p = ProblemGenerator.generate(Config.realistic(74, 500, 80, 0.5));
    Result plain = new AllocationEngine().solve(p);
    assertThat(plain.fairness()).isNull();
    assertThat(new AllocationEngine().solve(p, Options.NONE)).isEqualTo(plain);
  }
}
