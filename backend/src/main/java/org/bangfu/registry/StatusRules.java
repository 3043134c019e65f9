package org.bangfu.registry;

import static org.bangfu.households.HouseholdStatus.APPLICANT;
import static org.bangfu.households.HouseholdStatus.CLEARED;
import static org.bangfu.households.HouseholdStatus.EXITED;
import static org.bangfu.households.HouseholdStatus.IN_POVERTY;
import static org.bangfu.households.HouseholdStatus.MARGINAL;
import static org.bangfu.households.HouseholdStatus.MONITORED;
import static org.bangfu.households.HouseholdStatus.NEW;
import static org.bangfu.households.HouseholdStatus.REMOVED;
import static org.bangfu.households.HouseholdStatus.RETURNED;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.households.HouseholdStatus;
import org.bangfu.support.DomainException;

/**
 * The one state machine of the register (建档立卡动态管理): which status change may be applied for from
 * which status, and what it needs. Used when an application is made and again when the county
 * approves it (the household may have changed in between).
 *
 * <ul>
 *   <li>an applicant (registered, not yet identified) → in poverty, marginal, monitored;
 *   <li>poor (in poverty, new, returned) → exited (脱贫) only with no open 两不愁三保障 gap;
 *   <li>exited → returned (返贫) or monitored (监测户);
 *   <li>marginal (边缘易致贫户) → in poverty (identified), monitored;
 *   <li>monitored → in poverty, returned (only after an exit), marginal, exited (again, gaps
 *       closed), cleared (风险消除, by the monitoring's closing only);
 *   <li>cleared → monitored (a new risk);
 *   <li>anything but removed → removed, with its reason; removed is final;
 *   <li>the same status again changes only the support flags (低保 / 特困).
 * </ul>
 */
public final class StatusRules {
  private static final Map<HouseholdStatus, Set<HouseholdStatus>> NEXT =
      new EnumMap<>(HouseholdStatus.class);

  static {
    NEXT.put(APPLICANT, EnumSet.of(IN_POVERTY, MARGINAL, MONITORED, REMOVED));
    NEXT.put(IN_POVERTY, EnumSet.of(EXITED, REMOVED));
    NEXT.put(NEW, EnumSet.of(EXITED, REMOVED));
    NEXT.put(RETURNED, EnumSet.of(EXITED, REMOVED));
    NEXT.put(EXITED, EnumSet.of(RETURNED, MONITORED, REMOVED));
    NEXT.put(MARGINAL, EnumSet.of(IN_POVERTY, MONITORED, REMOVED));
    NEXT.put(MONITORED, EnumSet.of(IN_POVERTY, RETURNED, MARGINAL, EXITED, CLEARED, REMOVED));
    NEXT.put(CLEARED, EnumSet.of(MONITORED, REMOVED));
    NEXT.put(REMOVED, EnumSet.noneOf(HouseholdStatus.class));
  }

  public static final List<String> REMOVAL_REASONS =
      List.of("moved", "deceased", "wrongly_entered");

  private StatusRules() {}

  /** What the household is now, as far as the rules care. */
  public record Current(
      HouseholdStatus status,
      List<String> openGaps,
      Integer identifiedYear,
      Integer exitedYear,
      boolean dibao,
      boolean tekun) {}

  /** The change asked for and its grounds. */
  public record Change(
      HouseholdStatus to,
      int year,
      String removedReason,
      boolean dibao,
      boolean tekun,
      long incomePerHead,
      List<String> unmet) {}

  /** The statuses one may apply for from {@code from}. */
  public static Set<HouseholdStatus> next(HouseholdStatus from) {
    return NEXT.get(from);
  }

  /**
   * Throws a field error (with a stable code, nothing written) when the change is not allowed.
   * {@code thisYear} is the current year from the application's clock.
   */
  public static void check(Current now, Change change, int thisYear) {
    if (change.year() > thisYear) {
      throw DomainException.invalid(
          "year",
          "future_year",
          "must not be after " + thisYear,
          DomainException.params("max", thisYear));
    }
    checkMove(now, change);
    if (change.to() == RETURNED && now.exitedYear() == null) {
      throw DomainException.invalid(
          "toStatus",
          "return_without_exit",
          "a household that never exited cannot return to poverty");
    }
    checkRemoval(change);
    if (change.to() == EXITED) {
      checkExit(now, change);
    }
  }

  /** The same status again must change a support flag; another must be a next one. */
  private static void checkMove(Current now, Change change) {
    if (change.to() == now.status()) {
      if (now.status() == REMOVED
          || (change.dibao() == now.dibao() && change.tekun() == now.tekun())) {
        throw DomainException.invalid(
            "toStatus",
            "status_unchanged",
            "is the household's status already and changes no support",
            DomainException.params("from", now.status().wire()));
      }
    } else if (!NEXT.get(now.status()).contains(change.to())) {
      throw DomainException.invalid(
          "toStatus",
          "status_jump_forbidden",
          "cannot go from " + now.status().wire() + " to " + change.to().wire(),
          DomainException.params(
              "from",
              now.status().wire(),
              "to",
              change.to().wire(),
              "allowed",
              String.join(
                  ", ", NEXT.get(now.status()).stream().map(HouseholdStatus::wire).toList())));
    }
  }

  /** A removal has its reason and no support; a reason goes with a removal only. */
  private static void checkRemoval(Change change) {
    if (change.to() == REMOVED) {
      if (change.removedReason() == null) {
        throw DomainException.invalid("removedReason", "required", "is required for a removal");
      }
      if (change.dibao() || change.tekun()) {
        throw DomainException.invalid(
            change.dibao() ? "dibao" : "tekun",
            "support_on_removed",
            "does not go with a removed household");
      }
    } else if (change.removedReason() != null) {
      throw DomainException.invalid(
          "removedReason", "only_for_removal", "goes only with a removal");
    }
  }

  /** An exit needs 两不愁三保障 met (no gap open, none named unmet), not before identification. */
  private static void checkExit(Current now, Change change) {
    Set<String> open = new LinkedHashSet<>(change.unmet());
    open.addAll(now.openGaps());
    if (!open.isEmpty()) {
      String field = change.unmet().isEmpty() ? "gaps" : "unmet";
      throw DomainException.invalid(
          field,
          "exit_with_open_gaps",
          "an exit needs 两不愁三保障 met: still open " + String.join(", ", open),
          DomainException.params("gaps", String.join(", ", new ArrayList<>(open))));
    }
    if (now.identifiedYear() != null && change.year() < now.identifiedYear()) {
      throw DomainException.invalid(
          "year",
          "before_identified",
          "must not be before the year identified",
          DomainException.params("min", now.identifiedYear()));
    }
  }
}
