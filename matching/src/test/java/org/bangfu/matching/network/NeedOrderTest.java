package org.bangfu.matching.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.bangfu.matching.model.Changes;
import org.bangfu.matching.model.Options;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Result;
import org.bangfu.matching.testing.ChangeGenerator;
import org.bangfu.matching.testing.ProblemGenerator;
import org.bangfu.matching.testing.ProblemGenerator.Config;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * After a change, the answer's needs come from the last answer's order of the needs with the new
 * ones placed by id (no merge of every unit's needs by id): the answer is the one merged by id,
 * through needs added, replaced and removed.
 */
class NeedOrderTest {

  @ParameterizedTest(name = "seed {0}: {1} needs × {2} pledges, 5 rounds of changes")
  @CsvSource({"91, 1500, 250", "92, 3000, 400"})
  void answerFromTheLastOrderEqualsTheMergeById(long seed, int needs, int pledges) {
    Problem p = ProblemGenerator.generate(Config.realistic(seed, needs, pledges, 0.6));
    Random r = new Random(seed);
    RoundSolution sol = new RoundSolution(new Round(p, Options.NONE), line -> {});
    sol.solve();
    sol.result();
    assertThat(sol.needsByLastOrder).isFalse(); // the first answer merges by id
    for (int round = 0; round < 5; round++) {
      Changes ch = ChangeGenerator.random(p, r, 2 + needs / 60, "o" + round);
      p = ChangeGenerator.apply(p, ch);
      sol.apply(ch);
      Result byOrder = sol.result();
      assertThat(sol.needsByLastOrder).as("round %d", round).isTrue();
      sol.needOrder = null;
      Result byId = sol.result();
      assertThat(sol.needsByLastOrder).isFalse();
      assertThat(byOrder).as("round %d", round).isEqualTo(byId);
      assertThat(byOrder.needSummaries()).hasSize(byId.needSummaries().size()).isNotEmpty();
    }
  }
}
