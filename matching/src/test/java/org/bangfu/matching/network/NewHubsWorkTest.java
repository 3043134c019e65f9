package org.bangfu.matching.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.bangfu.matching.AllocationEngine;
import org.bangfu.matching.model.Changes;
import org.bangfu.matching.model.Options;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.testing.ChangeGenerator;
import org.bangfu.matching.testing.ProblemGenerator;
import org.bangfu.matching.testing.ProblemGenerator.Config;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the old pledges' affinity walks cost when a change brings a few new needs (new hubs in a few
 * villages): they enter the subtrees with a new hub only, not every region of the counties with one
 * — and the changed round's optimum is the cold solve's.
 */
class NewHubsWorkTest {

  @Test
  @DisplayName("a few new needs: the affinity walks enter only the subtrees with a new hub")
  void fewNewNeedsWalkFewRegions() {
    Problem p = ProblemGenerator.generate(Config.realistic(91, 6000, 600, 0.3));
    RoundSolution sol = new RoundSolution(new Round(p, Options.NONE), line -> {});
    sol.solve();
    sol.result();
    UnitNetwork cny = sol.units.get(sol.round.unitIndex.get("CNY")).net;
    long built = cny.affinityRegionsEntered;
    Changes day = ChangeGenerator.day(p, new Random(91), 12, 0);
    p = ChangeGenerator.apply(p, day);
    sol.apply(day);
    long walked = cny.affinityRegionsEntered - built;
    // 12 new needs in 6,000: the walks enter 311 regions against the round's 5,250 (1,649 when
    // they walk the whole of every county with a new hub)
    assertThat(walked).isLessThan(built / 8);
    assertThat(sol.result().objective()).isEqualTo(new AllocationEngine().solve(p).objective());
  }
}
