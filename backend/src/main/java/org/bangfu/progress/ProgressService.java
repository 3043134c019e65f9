package org.bangfu.progress;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        .map(head -> head.orElseThrow(() -> DomainException.notFound("campaign " + id)))
        .compose(c -> rows(c, full))
        .map(ProgressService::assemble);
  }

  /** The rows a campaign's figures are put together from (no breakdowns unless {@code full}). */
  private record Rows(
      ProgressRepository.Head campaign,
      List<ProgressRepository.Amounts> allocated,
      List<ProgressRepository.Pledged> pledged,
      List<ProgressRepository.NeedCounts> needs,
      ProgressRepository.Enrolled enrolled,
      List<ProgressRepository.Paired> paired,
      List<ProgressRepository.Amounts> origin,
      List<ProgressRepository.MonthRow> months,
      List<ProgressRepository.FlowRow> flows,
      Map<String, String> names) {}

  /** Every query at once; the rows when all have answered. */
  private Future<Rows> rows(ProgressRepository.Head c, boolean full) {
    long id = c.id();
    var allocated = repo.allocated(pool, id);
    var pledged = repo.pledged(pool, id);
    var needs = repo.needs(pool, id);
    var enrolled = repo.enrolled(pool, id);
    var paired = full ? repo.pairedByCounty(pool, id) : none(ProgressRepository.Paired.class);
    var origin = full ? repo.byOrigin(pool, id) : none(ProgressRepository.Amounts.class);
    var months = full ? repo.byMonth(pool, id) : none(ProgressRepository.MonthRow.class);
    var flows = full ? repo.flows(pool, id) : none(ProgressRepository.FlowRow.class);
    var names = repo.countyNames(pool);
    return Future.all(
            List.of(allocated, pledged, needs, enrolled, paired, origin, months, flows, names))
        .map(
            v ->
                new Rows(
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
  }

  private static <T> Future<List<T>> none(Class<T> type) {
    return Future.succeededFuture(List.of());
  }

  private static void addStages(Figures.Builder g, ProgressRepository.Amounts r) {
    g.add("proposed", r.unit(), r.proposed())
        .add("confirmed", r.unit(), r.confirmed())
        .add("delivered", r.unit(), r.delivered())
        .add("verified", r.unit(), r.verified());
  }

  /** The figures being collected: the totals and the groups by county, category and origin. */
  private static final class Groups {
    final Figures.Builder totals = new Figures.Builder();
    final Map<String, Figures.Builder> byCounty = new TreeMap<>();
    final Map<String, Figures.Builder> byCategory = new TreeMap<>();
    final Map<String, Figures.Builder> byOrigin = new TreeMap<>();

    Figures.Builder county(String county) {
      return byCounty.computeIfAbsent(county, k -> new Figures.Builder());
    }

    Figures.Builder category(String category) {
      return byCategory.computeIfAbsent(category, k -> new Figures.Builder());
    }

    Figures.Builder origin(String county) {
      return byOrigin.computeIfAbsent(ProgressService.origin(county), k -> new Figures.Builder());
    }
  }

  private static Progress assemble(Rows rows) {
    Groups g = new Groups();
    // rows by county (category null) and by category (county null)
    for (var r : rows.allocated()) {
      if (r.county() != null) {
        addStages(g.totals, r);
        addStages(g.county(r.county()), r);
      } else {
        addStages(g.category(r.category()), r);
      }
    }
    addPledged(g, rows.pledged());
    for (var r : rows.origin()) {
      addStages(g.origin(r.county()), r);
    }
    addNeeds(g, rows.needs());
    addEnrolled(g, rows.enrolled(), rows.paired());
    ProgressRepository.Head c = rows.campaign();
    return new Progress(
        c.id(),
        c.code(),
        c.name(),
        g.totals.build(),
        groups(g.byCounty, rows.names()),
        groups(g.byCategory, null),
        groups(g.byOrigin, rows.names()),
        months(rows.months()),
        flows(rows.flows()));
  }

  private static void addPledged(Groups g, List<ProgressRepository.Pledged> pledged) {
    for (var r : pledged) {
      g.totals.add("pledged", r.unit(), r.pledged());
      g.origin(r.county()).add("pledged", r.unit(), r.pledged());
      for (String cat : r.categories()) {
        g.category(cat).add("pledged", r.unit(), r.pledged());
      }
    }
  }

  private static void addNeeds(Groups g, List<ProgressRepository.NeedCounts> needs) {
    for (var r : needs) {
      for (Figures.Builder b :
          r.county() != null
              ? List.of(g.totals, g.county(r.county()))
              : List.of(g.category(r.category()))) {
        b.count("needsOpen", r.open())
            .count("needsPartlyCovered", r.partly())
            .count("needsFullyCovered", r.fully());
      }
    }
  }

  private static void addEnrolled(
      Groups g, ProgressRepository.Enrolled enrolled, List<ProgressRepository.Paired> paired) {
    g.totals.set("donorsEnrolled", enrolled.donors()).set("villagesPaired", enrolled.villages());
    for (var r : paired) {
      g.county(r.county()).set("donorsEnrolled", r.donors()).set("villagesPaired", r.villages());
    }
  }

  /** The confirmed and verified amounts of each month (a month with rows is listed). */
  private static List<Progress.Month> months(List<ProgressRepository.MonthRow> rows) {
    Map<String, Progress.Month> byMonth = new TreeMap<>();
    for (var r : rows) {
      Progress.Month m =
          byMonth.getOrDefault(r.month(), new Progress.Month(r.month(), Map.of(), Map.of()));
      byMonth.put(
          r.month(),
          new Progress.Month(
              r.month(),
              plus(m.confirmed(), r.unit(), r.confirmed()),
              plus(m.verified(), r.unit(), r.verified())));
    }
    return new ArrayList<>(byMonth.values());
  }

  /** The mountain-sea flows, in the order of their first row, amounts summed by unit. */
  private static List<Progress.Flow> flows(List<ProgressRepository.FlowRow> rows) {
    Map<String, Progress.Flow> flowMap = new LinkedHashMap<>();
    for (var r : rows) {
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
    return new ArrayList<>(flowMap.values());
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

  /** The sums over every allocation matching the filter. */
  Future<Progress.AllocationTotals> allocationTotals(ProgressRepository.AllocationFilter filter) {
    return repo.allocationTotals(pool, filter)
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
