package org.bangfu.matching.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.bangfu.matching.model.Options;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.testing.ProblemGenerator;
import org.bangfu.matching.testing.ProblemGenerator.Config;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The work a unit's task hands to a second thread when a core is free ({@link SpareCore}): the
 * flow's decomposition below the counties, split into two parts of whole counties, and the unmatched
 * reasons found beside the allocations. Both give the answer made on one thread, and the split
 * takes a fair share of the network's nodes onto the second thread.
 */
class TwoThreadsTest {

  @ParameterizedTest(name = "seed {0}: {1} needs × {2} pledges")
  @CsvSource({"81, 3000, 400", "82, 6000, 700", "83, 1500, 250"})
  void decompositionAndAnswerOnTwoThreadsEqualOneThread(long seed, int needs, int pledges) {
    Problem p = ProblemGenerator.generate(Config.realistic(seed, needs, pledges, 0.6));
    RoundSolution sol = new RoundSolution(new Round(p, Options.NONE), line -> {});
    sol.solve();
    for (UnitSolver u : sol.units) {
      Decomposition.Triples one = Decomposition.of(u.net, false);
      Decomposition.Triples two = Decomposition.of(u.net, true);
      assertThat(one.nodesBeside).isZero();
      // the second thread hands down a fair share: whole counties, about half of the nodes after
      // the prefix that feeds several counties
      assertThat(two.nodesBeside)
          .as("unit %s", sol.round.unitName(u.net.unit))
          .isGreaterThan(u.net.g.nodeCount() / 5);
      UnitAnswer a = UnitAnswer.of(u.net, one, null, false);
      UnitAnswer b = UnitAnswer.of(u.net, two, null, true);
      assertThat(b.allocations).isEqualTo(a.allocations).isNotEmpty();
      assertThat(b.rows).isEqualTo(a.rows);
      assertThat(b.needSummaries).isEqualTo(a.needSummaries);
      assertThat(b.pledgeSummaries).isEqualTo(a.pledgeSummaries);
      assertThat(b.unmatched).isEqualTo(a.unmatched);
      assertThat(b.objective).isEqualTo(a.objective);
    }
  }
}
