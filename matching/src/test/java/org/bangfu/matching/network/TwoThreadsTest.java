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
 * flow's decomposition below the counties, split into two parts of whole counties, the unmatched
 * reasons found beside the allocations, and pricing's best potentials below each hub, the counties
 * on two threads. Each gives what one thread gives, and the splits take a fair share of the
 * network's nodes onto the second thread (they fail when a split is taken out).
 */
class TwoThreadsTest {

  @ParameterizedTest(name = "seed {0}: {1} needs × {2} pledges")
  @CsvSource({"81, 3000, 400", "82, 6000, 700", "83, 1500, 250"})
  void decompositionAndAnswerOnTwoThreadsEqualOneThread(long seed, int needs, int pledges) {
    Problem p = ProblemGenerator.generate(Config.realistic(seed, needs, pledges, 0.6));
    RoundSolution sol = new RoundSolution(new Round(p, Options.NONE), line -> {});
    sol.solve();
    int pricedUnits = 0;
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
      if (!u.pricing.isEmpty()) {
        // pricing's best potential below each hub: the counties on two threads, then the root
        u.pricing.bestBelow(false);
        long[] best = u.pricing.best.clone();
        boolean[] rose = u.pricing.rose == null ? null : u.pricing.rose.clone();
        assertThat(u.pricing.nodesBeside).isZero();
        u.pricing.bestBelow(true);
        assertThat(u.pricing.best).isEqualTo(best);
        assertThat(u.pricing.rose).isEqualTo(rose);
        assertThat(u.pricing.nodesBeside).isGreaterThan(u.net.bottomUp().length / 5);
        pricedUnits++;
      }
    }
    assertThat(pricedUnits).isPositive();
  }
}
