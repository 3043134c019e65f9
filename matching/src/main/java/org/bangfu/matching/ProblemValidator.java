package org.bangfu.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.matching.model.Cap;
import org.bangfu.matching.model.County;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Village;

/**
 * The semantic checks of the allocation spec ("Errors") on a typed {@link Problem}: empty and
 * duplicate ids, unknown references, ranges. Type and syntax errors are found earlier, by the JSON
 * edge. Each message is one line naming the item and the field.
 */
public final class ProblemValidator {
  /** Quantities and caps fit in 10^12. */
  public static final long MAX_QUANTITY = 1_000_000_000_000L;

  private ProblemValidator() {}

  public static List<String> validate(Problem p) {
    List<String> errors = new ArrayList<>();
    boolean countiesGiven = !p.counties().isEmpty();
    Set<String> counties = new HashSet<>();
    Map<String, Integer> seen =
        new HashMap<>(2 * Math.max(p.needs().size(), p.pledges().size()) + 16);
    for (int k = 0; k < p.counties().size(); k++) {
      County c = p.counties().get(k);
      checkId(errors, "counties", k, c.id(), seen);
      counties.add(c.id());
    }
    for (int k = 0; k < p.counties().size(); k++) {
      County c = p.counties().get(k);
      for (String other : c.pairedWith()) {
        if (!counties.contains(other)) {
          errors.add(
              item("counties", k, c.id())
                  + "pairedWith refers to unknown county \""
                  + other
                  + "\"");
        }
      }
    }
    seen.clear();
    Set<String> villages = new HashSet<>(2 * p.villages().size() + 16);
    for (int k = 0; k < p.villages().size(); k++) {
      Village v = p.villages().get(k);
      checkId(errors, "villages", k, v.id(), seen);
      villages.add(v.id());
      if (countiesGiven && !counties.contains(v.county())) {
        errors.add(
            item("villages", k, v.id()) + "county \"" + v.county() + "\" is not a known county");
      }
      if (v.township().isEmpty()) {
        errors.add(item("villages", k, v.id()) + "township must be a non-empty string");
      }
    }
    for (int k = 0; k < p.caps().size(); k++) {
      Cap c = p.caps().get(k);
      String at = "caps[" + k + "]: ";
      if (!villages.contains(c.village())) {
        errors.add(at + "village \"" + c.village() + "\" is not a known village");
      }
      if (c.unit().isEmpty()) {
        errors.add(at + "unit must be a non-empty string");
      }
      if (c.max() < 1 || c.max() > MAX_QUANTITY) {
        errors.add(at + "max must be an integer from 1 to " + MAX_QUANTITY + ", got " + c.max());
      }
    }
    seen.clear();
    for (int k = 0; k < p.needs().size(); k++) {
      checkNeed(errors, k, p.needs().get(k), villages, seen);
    }
    seen.clear();
    for (int k = 0; k < p.pledges().size(); k++) {
      checkPledge(errors, k, p.pledges().get(k), villages, countiesGiven ? counties : null, seen);
    }
    return errors;
  }

  /** Throws {@link InvalidProblemException} listing every problem, if there is any. */
  public static void requireValid(Problem p) {
    List<String> errors = validate(p);
    if (!errors.isEmpty()) {
      throw new InvalidProblemException(errors);
    }
  }

  static void checkNeed(
      List<String> errors, int k, Need n, Set<String> villages, Map<String, Integer> seen) {
    checkId(errors, "needs", k, n.id(), seen);
    if (villages.contains(n.village())
        && !n.category().isEmpty()
        && !n.unit().isEmpty()
        && n.quantity() >= 1
        && n.quantity() <= MAX_QUANTITY
        && n.priority() >= 1
        && n.priority() <= 5) {
      return; // the usual case, without building the item's name
    }
    String at = item("needs", k, n.id());
    if (!villages.contains(n.village())) {
      errors.add(at + "village \"" + n.village() + "\" is not a known village");
    }
    if (n.category().isEmpty()) {
      errors.add(at + "category must be a non-empty string");
    }
    if (n.unit().isEmpty()) {
      errors.add(at + "unit must be a non-empty string");
    }
    checkQuantity(errors, at, "quantity", n.quantity());
    if (n.priority() < 1 || n.priority() > 5) {
      errors.add(at + "priority must be an integer from 1 to 5, got " + n.priority());
    }
  }

  static void checkPledge(
      List<String> errors,
      int k,
      Pledge j,
      Set<String> villages,
      Set<String> counties,
      Map<String, Integer> seen) {
    checkId(errors, "pledges", k, j.id(), seen);
    if (pledgeLooksRight(j, villages, counties)) {
      return; // the usual case, without building the item's name
    }
    String at = item("pledges", k, j.id());
    if (j.donor().isEmpty()) {
      errors.add(at + "donor must be a non-empty string");
    }
    if (j.unit().isEmpty()) {
      errors.add(at + "unit must be a non-empty string");
    }
    checkQuantity(errors, at, "quantity", j.quantity());
    if (j.maxPerNeed() != null) {
      checkQuantity(errors, at, "maxPerNeed", j.maxPerNeed());
    }
    if (counties != null && j.homeCounty() != null && !counties.contains(j.homeCounty())) {
      errors.add(at + "homeCounty \"" + j.homeCounty() + "\" is not a known county");
    }
    if (j.hometown() != null) {
      if (counties != null && !counties.contains(j.hometown().county())) {
        errors.add(at + "hometown.county \"" + j.hometown().county() + "\" is not a known county");
      }
      if (j.hometown().village() != null && !villages.contains(j.hometown().village())) {
        errors.add(
            at + "hometown.village \"" + j.hometown().village() + "\" is not a known village");
      }
    }
    for (int m = 0; m < j.pairedVillages().size(); m++) {
      String v = j.pairedVillages().get(m);
      if (!villages.contains(v)) {
        errors.add(at + "pairedVillages[" + m + "] \"" + v + "\" is not a known village");
      }
    }
  }

  private static boolean pledgeLooksRight(Pledge j, Set<String> villages, Set<String> counties) {
    if (j.donor().isEmpty()
        || j.unit().isEmpty()
        || j.quantity() < 1
        || j.quantity() > MAX_QUANTITY
        || (j.maxPerNeed() != null && (j.maxPerNeed() < 1 || j.maxPerNeed() > MAX_QUANTITY))
        || (counties != null && j.homeCounty() != null && !counties.contains(j.homeCounty()))) {
      return false;
    }
    if (j.hometown() != null
        && ((counties != null && !counties.contains(j.hometown().county()))
            || (j.hometown().village() != null && !villages.contains(j.hometown().village())))) {
      return false;
    }
    for (String v : j.pairedVillages()) {
      if (!villages.contains(v)) {
        return false;
      }
    }
    return true;
  }

  private static void checkQuantity(List<String> errors, String at, String field, long value) {
    if (value < 1 || value > MAX_QUANTITY) {
      errors.add(at + field + " must be an integer from 1 to " + MAX_QUANTITY + ", got " + value);
    }
  }

  private static void checkId(
      List<String> errors, String list, int k, String id, Map<String, Integer> seen) {
    if (id.isEmpty()) {
      errors.add(list + "[" + k + "]: id must be a non-empty string");
      return;
    }
    Integer first = seen.putIfAbsent(id, k);
    if (first != null) {
      errors.add(item(list, k, id) + "id duplicates " + list + "[" + first + "]");
    }
  }

  /** {@code needs[3] (id "N4"): } — the prefix that names an item. */
  public static String item(String list, int k, String id) {
    return list + "[" + k + "] (id \"" + id + "\"): ";
  }
}
