package org.bangfu.matching.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bangfu.matching.model.Cap;
import org.bangfu.matching.model.Changes;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Village;

/**
 * Random changes to a round (new, replaced and removed needs and pledges, caps set) and the round
 * as changed, written out plainly — the reference an incremental round is compared with.
 */
public final class ChangeGenerator {
  private ChangeGenerator() {}

  /** The problem with the changes applied: what a cold solve of the changed round reads. */
  public static Problem apply(Problem p, Changes ch) {
    Map<String, Need> needs = new LinkedHashMap<>();
    p.needs().forEach(n -> needs.put(n.id(), n));
    ch.removedNeeds().forEach(needs::remove);
    ch.needs().forEach(n -> needs.put(n.id(), n));
    Map<String, Pledge> pledges = new LinkedHashMap<>();
    p.pledges().forEach(j -> pledges.put(j.id(), j));
    ch.removedPledges().forEach(pledges::remove);
    ch.pledges().forEach(j -> pledges.put(j.id(), j));
    Map<String, Cap> caps = new LinkedHashMap<>();
    for (Cap c : p.caps()) {
      caps.merge(c.village() + "|" + c.unit(), c, (a, b) -> a.max() <= b.max() ? a : b);
    }
    ch.caps().forEach(c -> caps.put(c.village() + "|" + c.unit(), c));
    return new Problem(
        p.date(),
        p.weights(),
        p.counties(),
        p.villages(),
        new ArrayList<>(caps.values()),
        new ArrayList<>(needs.values()),
        new ArrayList<>(pledges.values()));
  }

  /**
   * About {@code size} changes: new needs (copies of existing ones elsewhere, with other quantities
   * and priorities), needs removed and replaced, pledges with new quantities, scopes or maxima, new
   * and removed pledges, caps raised, lowered or new.
   */
  public static Changes random(Problem p, Random r, int size, String tag) {
    List<Need> needs = new ArrayList<>();
    List<String> removedNeeds = new ArrayList<>();
    List<Pledge> pledges = new ArrayList<>();
    List<String> removedPledges = new ArrayList<>();
    List<Cap> caps = new ArrayList<>();
    Map<String, Boolean> touched = new HashMap<>();
    List<Village> villages = p.villages();
    for (int k = 0; k < size; k++) {
      int kind = r.nextInt(8);
      if (kind <= 2 && !p.needs().isEmpty()) {
        Need n = p.needs().get(r.nextInt(p.needs().size()));
        Village v = villages.get(r.nextInt(villages.size()));
        needs.add(
            new Need(
                n.id() + "-" + tag + k,
                v.id(),
                n.category(),
                n.unit(),
                Math.max(1, n.quantity() / 2 + r.nextInt((int) Math.min(n.quantity() + 1, 1000))),
                1 + r.nextInt(5),
                n.deadline()));
      } else if (kind == 3 && !p.needs().isEmpty()) {
        Need n = p.needs().get(r.nextInt(p.needs().size()));
        if (touched.putIfAbsent(n.id(), true) == null) {
          if (r.nextBoolean()) {
            removedNeeds.add(n.id());
          } else {
            needs.add(
                new Need(
                    n.id(),
                    n.village(),
                    n.category(),
                    n.unit(),
                    1 + r.nextInt((int) Math.min(2 * n.quantity(), 1_000_000)),
                    1 + r.nextInt(5),
                    n.deadline()));
          }
        }
      } else if (kind <= 5 && !p.pledges().isEmpty()) {
        Pledge j = p.pledges().get(r.nextInt(p.pledges().size()));
        if (touched.putIfAbsent(j.id(), true) == null) {
          if (kind == 4 && r.nextInt(3) == 0) {
            removedPledges.add(j.id());
          } else {
            pledges.add(changed(j, r, kind == 5 ? j.id() + "-" + tag + k : j.id()));
          }
        }
      } else if (!villages.isEmpty()) {
        Village v = villages.get(r.nextInt(villages.size()));
        String unit =
            p.needs().isEmpty() ? "CNY" : p.needs().get(r.nextInt(p.needs().size())).unit();
        if (touched.putIfAbsent(v.id() + "|" + unit, true) == null) {
          caps.add(new Cap(v.id(), unit, 1 + r.nextInt(unit.equals("CNY") ? 200_000 : 20)));
        }
      }
    }
    return new Changes(needs, removedNeeds, pledges, removedPledges, caps);
  }

  /**
   * What a day brings to a running round: {@code newNeeds} needs posted (like existing ones, in
   * other villages, new ids) and {@code changedPledges} pledges changed (quantity, maximum, scope).
   */
  public static Changes day(Problem p, Random r, int newNeeds, int changedPledges) {
    List<Need> needs = new ArrayList<>();
    for (int k = 0; k < newNeeds; k++) {
      Need n = p.needs().get(r.nextInt(p.needs().size()));
      Village v = p.villages().get(r.nextInt(p.villages().size()));
      needs.add(
          new Need(
              "NEW" + k,
              v.id(),
              n.category(),
              n.unit(),
              n.quantity(),
              1 + r.nextInt(5),
              n.deadline()));
    }
    Map<String, Pledge> pledges = new LinkedHashMap<>();
    while (pledges.size() < Math.min(changedPledges, p.pledges().size())) {
      Pledge j = p.pledges().get(r.nextInt(p.pledges().size()));
      pledges.putIfAbsent(j.id(), changed(j, r, j.id()));
    }
    return new Changes(needs, List.of(), new ArrayList<>(pledges.values()), List.of(), List.of());
  }

  private static Pledge changed(Pledge j, Random r, String id) {
    long q = Math.max(1, j.quantity() / 2 + r.nextInt((int) Math.min(j.quantity() + 1, 1_000_000)));
    Long max = j.maxPerNeed();
    if (r.nextInt(3) == 0) {
      max = max == null ? Long.valueOf(1 + r.nextInt((int) Math.min(q, 100_000))) : null;
    }
    List<String> scope = r.nextInt(4) == 0 ? List.of() : j.scope();
    return new Pledge(
        id,
        j.donor(),
        j.unit(),
        q,
        j.categories(),
        scope,
        j.homeCounty(),
        j.hometown(),
        j.pairedVillages(),
        max,
        j.expires());
  }
}
