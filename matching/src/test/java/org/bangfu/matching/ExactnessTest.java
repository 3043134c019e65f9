package org.bangfu.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.bangfu.matching.json.ProblemJson;
import org.bangfu.matching.json.ResultJson;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Result;
import org.bangfu.matching.testing.BruteForce;
import org.bangfu.matching.testing.OrToolsReference;
import org.bangfu.matching.testing.ProblemGenerator;
import org.bangfu.matching.testing.ProblemGenerator.Config;
import org.bangfu.matching.testing.ResultChecker;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine's objective equals an independent exact optimum — brute force on tiny problems,
 * OR-Tools' min-cost flow on Quanzhou-like ones — and its allocations pass the checker.
 */
class ExactnessTest {
  static Result solveChecked(Problem p) {
    Result r = new AllocationEngine().solve(p);
    assertThat(ResultChecker.violations(p, r)).isEmpty();
    return r;
  }

  @ParameterizedTest(name = "tiny problems, seeds {0}..{0}+99: brute force agrees")
  @ValueSource(longs = {1_000, 2_000, 3_000})
  @DisplayName("brute force on tiny generated problems")
  void bruteForce(long firstSeed) {
    int compared = 0;
    for (long seed = firstSeed; seed < firstSeed + 100; seed++) {
      Problem p =
          ProblemGenerator.generate(
              Config.tiny(seed, 1 + (int) (seed % 3), 1 + (int) (seed / 3 % 3)));
      Result r = solveChecked(p);
      assertThat(r.objective()).as("seed %d", seed).isEqualTo(BruteForce.optimum(p));
      compared++;
    }
    assertThat(compared).isEqualTo(100);
  }

  @ParameterizedTest(name = "seed {0}: {1} needs × {2} pledges, scoped share {3}")
  @CsvSource({
    "11, 50, 10, 0.5", "12, 200, 40, 0.0", "13, 200, 40, 1.0", "14, 300, 60, 0.5",
    "15, 500, 100, 0.3", "16, 800, 150, 0.7", "17, 1000, 200, 0.5", "18, 1500, 250, 0.2",
    "19, 2000, 300, 0.5", "20, 5000, 800, 0.5"
  })
  @DisplayName("OR-Tools min-cost flow agrees on Quanzhou-like problems")
  void orTools(long seed, int needs, int pledges, double scoped) {
    Problem p = ProblemGenerator.generate(Config.realistic(seed, needs, pledges, scoped));
    Result r = solveChecked(p);
    assertThat(r.objective()).isEqualTo(OrToolsReference.solve(p).objective());
    assertThat(r.allocations()).isNotEmpty();
  }

  @ParameterizedTest(name = "seed {0}: weights out of the usual order")
  @ValueSource(longs = {31, 32, 33, 34, 35})
  @DisplayName("OR-Tools agrees with unusual weights (hometown village worth less than township)")
  void orToolsWithOddWeights(long seed) {
    Problem base = ProblemGenerator.generate(Config.realistic(seed, 400, 80, 0.5));
    var w =
        new org.bangfu.matching.model.Weights(
            seed % 2 == 0 ? 0 : 7, 300 + seed, 10, 5, 90, 200, 0, 75);
    Problem p =
        new Problem(
            base.date(),
            w,
            base.counties(),
            base.villages(),
            base.caps(),
            base.needs(),
            base.pledges());
    Result r = solveChecked(p);
    assertThat(r.objective()).isEqualTo(OrToolsReference.solve(p).objective());
  }

  @ParameterizedTest(name = "seed {0}: JSON round trip and byte-identical output")
  @ValueSource(longs = {41, 42})
  @DisplayName("written and read back, a problem gives the same bytes")
  void roundTrip(long seed) throws IOException {
    Problem p = ProblemGenerator.generate(Config.realistic(seed, 300, 50, 0.5));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ProblemJson.write(p, out);
    Problem back = ProblemJson.read(out.toString(StandardCharsets.UTF_8));
    assertThat(back).isEqualTo(p);
    String first = ResultJson.toJson(new AllocationEngine().solve(p));
    assertThat(ResultJson.toJson(new AllocationEngine().solve(back))).isEqualTo(first);
  }
}
