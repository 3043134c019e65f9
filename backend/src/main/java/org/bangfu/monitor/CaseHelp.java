package org.bangfu.monitor;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.bangfu.auth.CurrentUser;
import org.bangfu.households.HouseholdRepository;
import org.bangfu.households.HouseholdStatus;
import org.bangfu.matching.model.Affinity;
import org.bangfu.needs.NeedService;
import org.bangfu.privacy.LazyCipher;
import org.bangfu.privacy.PersonalDataCipher;
import org.bangfu.registry.RegistryService;
import org.bangfu.support.DomainException;

/**
 * What a case does to the rest of Bangfu, in the case's transaction: the household the county
 * confirmed becomes monitored (a person not in the register enters it), its help becomes a need
 * drafted for the village's secretary and a proposal to the donors most likely to help (their ties
 * by {@link Affinity}), and a risk closed by rules clears the household. The marketplace's engine
 * and claims take the need from there.
 */
public final class CaseHelp {
  /** The help a confirmed risk is drafted with unless the county names another amount. */
  static final Map<String, Long> DEFAULT_YUAN =
      Map.of(
          "health", 20_000L,
          "education", 10_000L,
          "housing", 30_000L,
          "employment", 5_000L,
          "industry", 10_000L,
          "infrastructure", 20_000L);

  private final RegistryService registry;
  private final NeedService needs;
  private final CaseRepository cases;
  private final ProposalRepository proposals;
  private final ThresholdRepository thresholds;
  private final LazyCipher cipher;

  public CaseHelp(
      RegistryService registry,
      NeedService needs,
      CaseRepository cases,
      ProposalRepository proposals,
      ThresholdRepository thresholds,
      LazyCipher cipher) {
    this.registry = registry;
    this.needs = needs;
    this.cases = cases;
    this.proposals = proposals;
    this.thresholds = thresholds;
    this.cipher = cipher;
  }

  /** The help as the county asks for it (each may be null: the risk's kind of help, its amount). */
  public record Asked(String category, Long yuan, String title) {}

  /** The household a confirmed case is about, and the status it had. */
  record Household(long id, String fromStatus) {}

  /**
   * The household of a confirmed case: a registered one becomes monitored; a person not in the
   * register enters it, monitored, with what the case holds of them (the village fills in the
   * rest).
   */
  Future<Household> confirmed(
      SqlConnection tx, CurrentUser user, CaseRepository.Locked c, Instant now) {
    if (c.householdId() != null) {
      return registry
          .monitorConfirmed(tx, user, c.householdId(), c.id(), now)
          .map(from -> new Household(c.householdId(), from.wire()));
    }
    return cipher
        .get()
        .compose(ci -> registry.registerFromCase(tx, user, newHousehold(ci, c), c.id(), now))
        .map(id -> new Household(id, HouseholdStatus.APPLICANT.wire()));
  }

  private static HouseholdRepository.NewHousehold newHousehold(
      PersonalDataCipher ci, CaseRepository.Locked c) {
    return new HouseholdRepository.NewHousehold(
        c.villageId(),
        c.personName(),
        ci.decrypt(Sealing.ID_FIELD, c.personIdSealed()),
        c.personPhoneSealed() == null
            ? null
            : ci.decrypt(Sealing.PHONE_FIELD, c.personPhoneSealed()),
        null,
        HouseholdStatus.APPLICANT,
        1,
        0,
        List.of(),
        null,
        null);
  }

  /**
   * The case's help: the need drafted for the village (once; a green channel's is reused) and the
   * donors proposed, sent at once when {@code now} is the green channel's; answers the need's id.
   */
  Future<Long> drafted(
      SqlConnection tx,
      CurrentUser user,
      CaseRepository.Locked c,
      Long householdId,
      String kind,
      Asked asked,
      boolean sendNow,
      Instant now) {
    if (c.needId() != null) {
      return Future.succeededFuture(c.needId());
    }
    String risk = c.risks().isEmpty() ? "other" : c.risks().get(0);
    String category =
        asked != null && asked.category() != null
            ? asked.category()
            : MonitorKinds.HELP_CATEGORY.getOrDefault(risk, "industry");
    long yuan =
        asked != null && asked.yuan() != null
            ? asked.yuan()
            : DEFAULT_YUAN.getOrDefault(category, 10_000L);
    return cases
        .place(tx, c.villageId())
        .compose(
            place ->
                needs
                    .draft(
                        tx,
                        user,
                        new NeedService.Draft(
                            c.villageId(),
                            householdId,
                            category,
                            yuan,
                            kind.equals("sudden") ? 5 : 4,
                            LocalDate.ofInstant(now, WorkingDays.CHINA).plusDays(60),
                            title(asked, place, risk),
                            place.village()
                                + "经县级认定的"
                                + MonitorKinds.kindWord(kind)
                                + "，帮扶需求由村书记确认"))
                    .compose(need -> submitIf(tx, user, need, sendNow).map(need))
                    .compose(need -> propose(tx, c, place, need, sendNow, now).map(need)));
  }

  private static String title(Asked asked, CaseRepository.Place place, String risk) {
    return asked != null && asked.title() != null
        ? asked.title()
        : place.village() + "防返贫监测帮扶：" + MonitorKinds.riskWord(risk);
  }

  private Future<Void> submitIf(SqlConnection tx, CurrentUser user, long need, boolean now) {
    return now ? needs.submit(tx, user, need) : Future.succeededFuture();
  }

  /** The donors most likely to help, ranked by the affinity rule, drafted or sent. */
  private Future<Void> propose(
      SqlConnection tx,
      CaseRepository.Locked c,
      CaseRepository.Place place,
      long need,
      boolean sendNow,
      Instant now) {
    String township = townshipOf(c.villageId());
    var where = new Affinity.Place(c.villageId(), township, c.countyId());
    return proposals
        .candidates(tx, c.villageId(), township, c.countyId())
        .map(candidates -> HelpProposals.rank(where, candidates))
        .compose(ranked -> proposals.insert(tx, c.id(), need, ranked, sendNow, now));
  }

  /**
   * The secretary confirms the help: a need still a draft (or sent back) goes to review; the
   * proposals go to their donors.
   */
  Future<Void> helpConfirmed(
      SqlConnection tx, CurrentUser user, CaseRepository.Locked c, Instant now) {
    if (c.needId() == null) {
      throw DomainException.conflict("case_without_help", "the case has no help drafted", Map.of());
    }
    return cases
        .needStatus(tx, c.needId())
        .compose(
            status ->
                status.filter(s -> s.equals("draft") || s.equals("rejected")).isPresent()
                    ? needs.submit(tx, user, c.needId())
                    : Future.<Void>succeededFuture())
        .compose(v -> proposals.send(tx, c.id(), now))
        .mapEmpty();
  }

  /**
   * A risk closes by rules: income per head at least the year's line (the line must be set), the
   * household's 三保障 and water secure (no gap open), no new lead since the decision.
   */
  Future<Void> closable(SqlConnection tx, CaseRepository.Locked c, long income, int year) {
    return thresholds
        .forVillage(tx, c.villageId(), year)
        .map(
            line -> {
              if (line.isEmpty()) {
                throw DomainException.conflict(
                    "no_income_line",
                    "the year's monitoring income line is not set",
                    DomainException.params("year", year));
              }
              if (income < line.get().incomeLine()) {
                throw DomainException.invalid(
                    "incomePerHead",
                    "under_income_line",
                    "must be at least the year's line of " + line.get().incomeLine() + " yuan",
                    DomainException.params("line", line.get().incomeLine()));
              }
              return null;
            })
        .compose(v -> cases.householdGaps(tx, c.householdId()))
        .map(
            gaps -> {
              if (!gaps.isEmpty()) {
                throw DomainException.invalid(
                    "gaps",
                    "open_gaps",
                    "三保障 and water must be secure: still open " + String.join(", ", gaps),
                    DomainException.params("gaps", String.join(", ", gaps)));
              }
              return null;
            })
        .compose(v -> cases.leadsSince(tx, c.id(), c.decidedAt()))
        .map(
            n -> {
              if (n > 0) {
                throw DomainException.conflict(
                    "new_risk",
                    "a new lead came in since the decision: the risk is not eliminated",
                    DomainException.params("leads", n));
              }
              return null;
            });
  }

  /** The closing's effect: a 脱贫户 is again exited, anyone else cleared (风险消除). */
  Future<Void> cleared(SqlConnection tx, CaseRepository.Locked c, Instant now) {
    HouseholdStatus back =
        HouseholdStatus.EXITED.wire().equals(c.fromStatus())
            ? HouseholdStatus.EXITED
            : HouseholdStatus.CLEARED;
    return registry.monitorCleared(tx, c.householdId(), c.id(), back, now);
  }

  /** The township of a village code ({@code <county>-Tnn-Vnn}), null when there is none. */
  static String townshipOf(String village) {
    int first = village.indexOf('-');
    int second = first < 0 ? -1 : village.indexOf('-', first + 1);
    return second < 0 ? null : village.substring(0, second);
  }
}
