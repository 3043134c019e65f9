package org.bangfu.progress;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bangfu.db.Listing;
import org.bangfu.support.DomainException;

/** Puts a campaign's figures together from the repository's rows (the campaign summaries). */
public final class ProgressService {
  private final Pool pool;
  private final ProgressRepository repo;

  public ProgressService(Pool pool, ProgressRepository repo) {
    this.pool = pool;
    this.repo = repo;
  }

  /** {@code full}: the breakdowns too, not only the totals. */
  Future<Progress> progress(long id, boolean full) {
    return repo.campaign(pool, id)
        .compose(
            head -> {
              ProgressRepository.Head c =
                  head.orElseThrow(() -> DomainException.notFound("campaign " + id));
              var allocated = repo.allocated(pool, id);
              var pledged = repo.pledged(pool, id);
              var needs = repo.needs(pool, id);
              var enrolled = repo.enrolled(pool, id);
              var paired =
                  full
                      ? repo.pairedByCounty(pool, id)
                      : Future.succeededFuture(List.<ProgressRepository.Paired>of());
              var origin =
                  full
                      ? repo.byOrigin(pool, id)
                      : Future.succeededFuture(List.<ProgressRepository.Amounts>of());
              var months =
                  full
                      ? repo.byMonth(pool, id)
                      : Future.succeededFuture(List.<ProgressRepository.MonthRow>of());
              var flows =
                  full
                      ? repo.flows(pool, id)
                      : Future.succeededFuture(List.<ProgressRepository.FlowRow>of());
              var names = repo.countyNames(pool);
              return Future.all(
                      List.of(
                          allocated, pledged, needs, enrolled, paired, origin, months, flows,
                          names))
                  .map(
                      v ->
                          assemble(
                              c,
                              allocated.result(),
                              pledged.result(),
                              needs.result(),
                              enrolled.result(),
                              paired.result(),
                              origin.result(),
                              months.result(),
                              flows.result(),
                              names.result()));
            });
  }

  private static void addStages(Figures.Builder g, ProgressRepository.Amounts r) {
    g.add("proposed", r.unit(), r.proposed())
        .add("confirmed", r.unit(), r.confirmed())
        .add("delivered", r.unit(), r.delivered())
        .add("verified", r.unit(), r.verified());
  }

  private static Progress assemble(
      ProgressRepository.Head c,
      List<ProgressRepository.Amounts> allocated,
      List<ProgressRepository.Pledged> pledged,
      List<ProgressRepository.NeedCounts> needs,
      long[] enrolled,
      List<ProgressRepository.Paired> paired,
      List<ProgressRepository.Amounts> origin,
      List<ProgressRepository.MonthRow> months,
      List<ProgressRepository.FlowRow> flows,
      Map<String, String> names) {
    Figures.Builder totals = new Figures.Builder();
    Map<String, Figures.Builder> byCounty = new TreeMap<>();
    Map<String, Figures.Builder> byCategory = new TreeMap<>();
    Map<String, Figures.Builder> byOrigin = new TreeMap<>();
    // rows by county (category null) and by category (county null)
    for (var r : allocated) {
      if (r.county() != null) {
        addStages(totals, r);
        addStages(byCounty.computeIfAbsent(r.county(), k -> new Figures.Builder()), r);
      } else {
        addStages(byCategory.computeIfAbsent(r.category(), k -> new Figures.Builder()), r);
      }
    }
    for (var r : pledged) {
      totals.add("pledged", r.unit(), r.pledged());
      byOrigin
          .computeIfAbsent(origin(r.county()), k -> new Figures.Builder())
          .add("pledged", r.unit(), r.pledged());
      for (String cat : r.categories()) {
        byCategory
            .computeIfAbsent(cat, k -> new Figures.Builder())
            .add("pledged", r.unit(), r.pledged());
      }
    }
    for (var r : origin) {
      addStages(byOrigin.computeIfAbsent(origin(r.county()), k -> new Figures.Builder()), r);
    }
    for (var r : needs) {
      for (Figures.Builder g :
          r.county() != null
              ? List.of(totals, byCounty.computeIfAbsent(r.county(), k -> new Figures.Builder()))
              : List.of(byCategory.computeIfAbsent(r.category(), k -> new Figures.Builder()))) {
        g.count("needsOpen", r.open())
            .count("needsPartlyCovered", r.partly())
            .count("needsFullyCovered", r.fully());
      }
    }
    totals.set("donorsEnrolled", enrolled[0]).set("villagesPaired", enrolled[1]);
    for (var r : paired) {
      byCounty
          .computeIfAbsent(r.county(), k -> new Figures.Builder())
          .set("donorsEnrolled", r.donors())
          .set("villagesPaired", r.villages());
    }
    Map<String, Map<String, Long>[]> monthMap = new TreeMap<>();
    for (var r : months) {
      @SuppressWarnings("unchecked")
      Map<String, Long>[] m =
          monthMap.computeIfAbsent(r.month(), k -> new Map[] {new TreeMap<>(), new TreeMap<>()});
      if (r.confirmed() != 0) {
        m[0].merge(r.unit(), r.confirmed(), Long::sum);
      }
      if (r.verified() != 0) {
        m[1].merge(r.unit(), r.verified(), Long::sum);
      }
    }
    Map<String, Progress.Flow> flowMap = new LinkedHashMap<>();
    for (var r : flows) {
      Progress.Flow f =
          flowMap.computeIfAbsent(
              r.from() + ">" + r.to(),
              k ->
                  new Progress.Flow(
                      r.from(), r.fromName(), r.to(), r.toName(), Map.of(), Map.of(), Map.of()));
      if (r.unit() != null) {
        f =
            new Progress.Flow(
                f.from(),
                f.fromName(),
                f.to(),
                f.toName(),
                plus(f.proposed(), r.unit(), r.proposed()),
                plus(f.confirmed(), r.unit(), r.confirmed()),
                plus(f.verified(), r.unit(), r.verified()));
        flowMap.put(r.from() + ">" + r.to(), f);
      }
    }
    List<Progress.Month> monthList = new ArrayList<>();
    monthMap.forEach((k, m) -> monthList.add(new Progress.Month(k, m[0], m[1])));
    return new Progress(
        c.id(),
        c.code(),
        c.name(),
        totals.build(),
        groups(byCounty, names),
        groups(byCategory, null),
        groups(byOrigin, names),
        monthList,
        new ArrayList<>(flowMap.values()));
  }

  /** A donor without a home county (a chamber, an overseas donor) is of origin {@code none}. */
  static final String NO_ORIGIN = "none";

  private static String origin(String county) {
    return county == null ? NO_ORIGIN : county;
  }

  private static Map<String, Long> plus(Map<String, Long> m, String unit, Long q) {
    if (q == null || q == 0) {
      return m;
    }
    Map<String, Long> out = new TreeMap<>(m);
    out.merge(unit, q, Long::sum);
    return out;
  }

  private static List<Progress.Group> groups(
      Map<String, Figures.Builder> m, Map<String, String> names) {
    List<Progress.Group> out = new ArrayList<>();
    m.forEach(
        (k, g) -> out.add(new Progress.Group(k, names == null ? null : names.get(k), g.build())));
    return out;
  }

  /** Every village with open needs, most open needs first. */
  Future<List<Progress.UnmetVillage>> unmetVillages(String county) {
    return repo.unmet(pool, county)
        .map(
            rows -> {
              Map<String, Progress.UnmetVillage> byVillage = new LinkedHashMap<>();
              for (var r : rows) {
                Progress.UnmetVillage v = byVillage.get(r.villageId());
                Map<String, Long> remaining = new TreeMap<>(v == null ? Map.of() : v.remaining());
                remaining.merge(r.unit(), r.remaining(), Long::sum);
                byVillage.put(
                    r.villageId(),
                    new Progress.UnmetVillage(
                        r.villageId(),
                        r.villageName(),
                        r.countyName(),
                        (v == null ? 0 : v.openNeeds()) + r.openNeeds(),
                        remaining));
              }
              List<Progress.UnmetVillage> out = new ArrayList<>(byVillage.values());
              out.sort(
                  Comparator.comparingLong(Progress.UnmetVillage::openNeeds)
                      .reversed()
                      .thenComparing(Progress.UnmetVillage::villageId));
              return out;
            });
  }

  /** The sums over every allocation matching the filters (conditions on a, p, n). */
  Future<Progress.AllocationTotals> allocationTotals(Listing filters) {
    return repo.allocationTotals(pool, filters)
        .map(
            rows -> {
              long count = 0;
              Map<String, Long> amounts = new TreeMap<>();
              Map<String, Long> countByStatus = new TreeMap<>();
              Map<String, Map<String, Long>> amountsByStatus = new TreeMap<>();
              for (var r : rows) {
                count += r.count();
                amounts.merge(r.unit(), r.quantity(), Long::sum);
                countByStatus.merge(r.status(), r.count(), Long::sum);
                amountsByStatus
                    .computeIfAbsent(r.status(), k -> new TreeMap<>())
                    .merge(r.unit(), r.quantity(), Long::sum);
              }
              return new Progress.AllocationTotals(count, amounts, countByStatus, amountsByStatus);
            });
  }
}
