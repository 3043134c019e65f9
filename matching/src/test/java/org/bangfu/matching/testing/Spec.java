package org.bangfu.matching.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.matching.model.County;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Village;
import org.bangfu.matching.model.Weights;

/**
 * The allocation spec's rules written out plainly, independently of the engine, for the reference
 * solvers and the checker: who takes part, eligibility, affinity and reasons, and the objective of
 * a given allocation.
 */
public final class Spec {
  final Problem p;
  final List<Need> needs;
  final List<Pledge> pledges;
  final Map<String, Village> villages = new HashMap<>();
  final Set<String> pairs = new HashSet<>();

  public Spec(Problem p) {
    this.p = p;
    this.needs =
        p.needs().stream()
            .filter(
                n -> p.date() == null || n.deadline() == null || !n.deadline().isBefore(p.date()))
            .toList();
    this.pledges =
        p.pledges().stream()
            .filter(j -> p.date() == null || j.expires() == null || !j.expires().isBefore(p.date()))
            .toList();
    for (Village v : p.villages()) {
      villages.put(v.id(), v);
    }
    for (County c : p.counties()) {
      for (String o : c.pairedWith()) {
        pairs.add(c.id() + "|" + o);
        pairs.add(o + "|" + c.id());
      }
    }
  }

  public List<Need> needs() {
    return needs;
  }

  public List<Pledge> pledges() {
    return pledges;
  }

  public boolean eligible(Need n, Pledge j) {
    if (!n.unit().equals(j.unit())) {
      return false;
    }
    if (!j.categories().isEmpty() && !j.categories().contains(n.category())) {
      return false;
    }
    Village v = villages.get(n.village());
    return j.scope().isEmpty()
        || j.scope().contains(v.id())
        || j.scope().contains(v.township())
        || j.scope().contains(v.county());
  }

  public List<String> reasons(Need n, Pledge j) {
    Village v = villages.get(n.village());
    List<String> out = new ArrayList<>();
    if (j.pairedVillages().contains(v.id())) {
      out.add("paired-village");
    }
    var h = j.hometown();
    if (h != null && v.id().equals(h.village())) {
      out.add("hometown-village");
    } else if (h != null && v.township().equals(h.township())) {
      out.add("hometown-township");
    } else if (h != null && v.county().equals(h.county())) {
      out.add("hometown-county");
    }
    if (j.homeCounty() != null && pairs.contains(j.homeCounty() + "|" + v.county())) {
      out.add("paired-county");
    }
    if (v.county().equals(j.homeCounty())) {
      out.add("same-county");
    }
    return out;
  }

  public long affinity(Need n, Pledge j) {
    Map<String, Long> w = p.weights().byName();
    return reasons(n, j).stream().mapToLong(w::get).sum();
  }

  /** priorityUnit · priority + affinity: what one unit from j to n is worth. */
  public long unitProfit(Need n, Pledge j) {
    return p.weights().priorityUnit() * n.priority() + affinity(n, j);
  }

  public Weights weights() {
    return p.weights();
  }

  public long capOf(String village, String unit) {
    return p.caps().stream()
        .filter(c -> c.village().equals(village) && c.unit().equals(unit))
        .mapToLong(c -> c.max())
        .min()
        .orElse(Long.MAX_VALUE);
  }
}
