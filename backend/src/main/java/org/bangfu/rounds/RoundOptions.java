package org.bangfu.rounds;

import java.util.Map;
import org.bangfu.config.RoundConfig;
import org.bangfu.matching.model.Fairness;
import org.bangfu.matching.model.Options;

/**
 * How one round is solved: whether villages not yet helped come first (the engine's standard
 * fairness term: the first 20 % of what a village lacks in a unit earn 300 more per unit, the next
 * 30 % 100), and the floors per unit (a pledge is not cut into a piece below the floor for a need
 * the round leaves short).
 */
record RoundOptions(boolean fairness, Map<String, Long> floors) {
  RoundOptions {
    floors = Map.copyOf(floors);
  }

  /** The settings, with the start request's choice of fairness for this round (null: setting). */
  static RoundOptions of(RoundConfig config, Boolean fairness) {
    return new RoundOptions(fairness == null ? config.fairness() : fairness, config.floors());
  }

  Options engine() {
    return new Options(fairness ? Fairness.standard() : null, floors);
  }
}
