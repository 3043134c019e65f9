package org.bangfu.rounds;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlClient;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bangfu.allocations.Ledger;
import org.bangfu.matching.model.Cap;
import org.bangfu.matching.model.County;
import org.bangfu.matching.model.Hometown;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.UnmatchedReason;
import org.bangfu.matching.model.Village;
import org.bangfu.matching.model.Weights;

/**
 * Builds the allocation problem (docs/matching.md) from what {@link ProblemRepository} reads: the
 * open, published needs with what they still lack, the open pooled pledges with what is left of
 * them, every village and county with the mountain-sea pairings, and the room left under each
 * village cap. The engine names needs, pledges and donors as text: {@link #id(long)} and {@link
 * #id(String)} are the one conversion between them and the database's ids.
 */
final class ProblemBuilder {

  private ProblemBuilder() {}

  /** A database id as the engine names it. */
  static String id(long id) {
    return Long.toString(id);
  }

  /** An engine's name of a need or pledge as the database id. */
  static long id(String id) {
    return Long.parseLong(id);
  }

  /**
   * The problem, and the open needs that sit out of it because their village's cap in their unit is
   * used up (the round lists them as left short with the engine's reason for that).
   */
  record Built(Problem problem, List<UnmatchedNeed> satOut) {}

  /**
   * Reads the problem and assembles it on a worker thread (a national round's half a million rows
   * would hold an event loop for seconds).
   */
  static Future<Built> build(
      Vertx vertx, ProblemRepository problems, SqlClient sql, Long campaignId, LocalDate date) {
    return problems
        .read(sql, campaignId, date)
        .compose(read -> vertx.executeBlocking(() -> built(date, read), false));
  }

  /** Maps each list once (a national round's needs are a million rows). */
  private static Built built(LocalDate date, ProblemRepository.Read read) {
    List<ProblemRepository.VillageRow> villages = read.villages();
    List<ProblemRepository.CapRow> caps = read.caps();
    List<ProblemRepository.NeedRow> needs = read.needs();
    Problem problem = assemble(date, villages, read.counties(), caps, needs, read.pledges());
    return new Built(problem, satOut(villages, caps, needs));
  }

  /** The needs of known villages whose cap in their unit has no room left. */
  static List<UnmatchedNeed> satOut(
      List<ProblemRepository.VillageRow> villages,
      List<ProblemRepository.CapRow> caps,
      List<ProblemRepository.NeedRow> needs) {
    Set<Ledger.CapKey> full = new HashSet<>();
    for (ProblemRepository.CapRow c : caps) {
      if (c.room() < 1) {
        full.add(new Ledger.CapKey(c.villageId(), c.unit()));
      }
    }
    Set<String> villageIds = new HashSet<>();
    villages.forEach(v -> villageIds.add(v.id()));
    List<UnmatchedNeed> out = new ArrayList<>();
    for (ProblemRepository.NeedRow n : needs) {
      if (villageIds.contains(n.villageId())
          && full.contains(new Ledger.CapKey(n.villageId(), n.unit()))) {
        out.add(
            new UnmatchedNeed(
                n.id(),
                null,
                n.villageId(),
                null,
                n.unit(),
                0,
                n.remaining(),
                UnmatchedReason.VILLAGE_CAP_REACHED.code()));
      }
    }
    return out;
  }

  /** Maps what was read and assembles it: the caller's thread does all of that work. */
  static Problem assemble(LocalDate date, ProblemRepository.Read read) {
    return assemble(
        date, read.villages(), read.counties(), read.caps(), read.needs(), read.pledges());
  }

  static Problem assemble(
      LocalDate date,
      List<ProblemRepository.VillageRow> villageRows,
      List<ProblemRepository.CountyRow> countyRows,
      List<ProblemRepository.CapRow> capRows,
      List<ProblemRepository.NeedRow> needRows,
      List<ProblemRepository.PledgeRow> pledgeRows) {
    Set<String> countyIds = new HashSet<>();
    for (ProblemRepository.CountyRow c : countyRows) {
      countyIds.add(c.id());
    }
    List<County> counties = counties(countyRows, countyIds);
    List<Village> villages = new ArrayList<>();
    Set<String> villageIds = new HashSet<>();
    for (ProblemRepository.VillageRow v : villageRows) {
      villages.add(new Village(v.id(), v.county(), v.township()));
      villageIds.add(v.id());
    }
    // a full cap (no room left) is not a cap of 0 (the spec refuses max < 1): its needs sit out
    List<Cap> caps = new ArrayList<>();
    Set<Ledger.CapKey> full = new HashSet<>();
    for (ProblemRepository.CapRow c : capRows) {
      if (c.room() < 1) {
        full.add(new Ledger.CapKey(c.villageId(), c.unit()));
      } else if (villageIds.contains(c.villageId())) {
        caps.add(new Cap(c.villageId(), c.unit(), c.room()));
      }
    }
    List<Pledge> pledges = new ArrayList<>();
    for (ProblemRepository.PledgeRow p : pledgeRows) {
      pledges.add(pledge(p, countyIds, villageIds));
    }
    return new Problem(
        date,
        Weights.DEFAULTS,
        counties,
        villages,
        caps,
        needs(needRows, villageIds, full),
        pledges);
  }

  /** The counties, each paired only with counties the problem knows. */
  private static List<County> counties(
      List<ProblemRepository.CountyRow> rows, Set<String> countyIds) {
    List<County> counties = new ArrayList<>();
    for (ProblemRepository.CountyRow c : rows) {
      List<String> paired = c.paired().stream().filter(countyIds::contains).toList();
      counties.add(new County(c.id(), c.name(), paired));
    }
    return counties;
  }

  /** The needs of known villages whose cap in their unit still has room. */
  private static List<Need> needs(
      List<ProblemRepository.NeedRow> rows, Set<String> villageIds, Set<Ledger.CapKey> full) {
    List<Need> needs = new ArrayList<>();
    for (ProblemRepository.NeedRow n : rows) {
      if (full.contains(new Ledger.CapKey(n.villageId(), n.unit()))
          || !villageIds.contains(n.villageId())) {
        continue;
      }
      needs.add(
          new Need(
              id(n.id()),
              n.villageId(),
              n.category(),
              n.unit(),
              n.remaining(),
              n.priority(),
              n.deadline()));
    }
    return needs;
  }

  private static Pledge pledge(
      ProblemRepository.PledgeRow p, Set<String> countyIds, Set<String> villageIds) {
    String homeCounty = countyIds.contains(p.homeCounty()) ? p.homeCounty() : null;
    Hometown hometown = null;
    String htCounty = p.hometownCounty();
    if (htCounty != null && countyIds.contains(htCounty)) {
      String htVillage = p.hometownVillage();
      hometown =
          new Hometown(
              htCounty,
              p.hometownTownship(),
              htVillage != null && villageIds.contains(htVillage) ? htVillage : null);
    }
    List<String> paired = p.pairedVillages().stream().filter(villageIds::contains).toList();
    return new Pledge(
        id(p.id()),
        id(p.donorId()),
        p.unit(),
        p.remaining(),
        p.categories(),
        p.scope(),
        homeCounty,
        hometown,
        paired,
        p.maxPerNeed(),
        p.expires());
  }
}
