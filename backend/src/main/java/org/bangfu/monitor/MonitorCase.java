package org.bangfu.monitor;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.support.Times;

/**
 * A monitoring case as officials see it (the county, the township, the village's secretary): the
 * person (the household's head or a person not yet in the register, by name, the ID number masked),
 * the kind and risks, where it is, its due dates (the home check's and the decision's, as the
 * deadline engine keeps them; late and escalated once when its decision deadline escalated), the
 * home check, the decision, the help and the closing.
 */
public record MonitorCase(
    long id,
    String countyId,
    String countyName,
    String villageId,
    String villageName,
    Long householdId,
    String name,
    String idNumberMasked,
    String householdStatus,
    String kind,
    List<String> risks,
    CaseState state,
    int score,
    int leads,
    List<String> channels,
    boolean green,
    String greenReason,
    OffsetDateTime paperworkDue,
    OffsetDateTime openedAt,
    OffsetDateTime checkDue,
    OffsetDateTime decisionDue,
    OffsetDateTime lateAt,
    String escalatedTo,
    String dismissReason,
    OffsetDateTime checkedAt,
    LocalDate visitedOn,
    Long incomePerHead,
    Long incomeLine,
    String finding,
    boolean hasPhoto,
    Long noticeId,
    OffsetDateTime townshipAt,
    OffsetDateTime decidedAt,
    String decisionNote,
    String fromStatus,
    Long needId,
    String needStatus,
    OffsetDateTime helpConfirmedAt,
    OffsetDateTime firstHelpAt,
    Long closureNoticeId,
    OffsetDateTime closedAt) {

  public MonitorCase {
    risks = List.copyOf(risks);
    channels = List.copyOf(channels);
  }

  /** The home check is overdue (shown orange) while the case still waits for it. */
  public boolean checkOverdue(Instant now) {
    return (state == CaseState.TRIAGE || state == CaseState.CHECKING)
        && checkDue.toInstant().isBefore(now);
  }

  /** Three quarters of the way to the decision's date without a decision (amber). */
  public boolean dueSoon(Instant now) {
    if (!CaseState.BEFORE_DECISION.contains(state) || lateAt != null) {
      return false;
    }
    Duration whole = Duration.between(openedAt.toInstant(), decisionDue.toInstant());
    return !now.isBefore(openedAt.toInstant().plus(whole.multipliedBy(3).dividedBy(4)));
  }

  /** The green channel's procedure not done by its date. */
  public boolean paperworkOverdue(Instant now) {
    return green
        && decidedAt == null
        && paperworkDue != null
        && paperworkDue.toInstant().isBefore(now);
  }

  public JsonObject toJson(Instant now) {
    return new JsonObject()
        .put("id", id)
        .put("countyId", countyId)
        .put("countyName", countyName)
        .put("villageId", villageId)
        .put("villageName", villageName)
        .put("householdId", householdId)
        .put("name", name)
        .put("idNumber", idNumberMasked)
        .put("householdStatus", householdStatus)
        .put("kind", kind)
        .put("risks", new JsonArray(new ArrayList<>(risks)))
        .put("state", state.wire())
        .put("score", score)
        .put("leads", leads)
        .put("channels", new JsonArray(new ArrayList<>(channels)))
        .put("green", green)
        .put("greenReason", greenReason)
        .put("paperworkDue", Times.instant(paperworkDue))
        .put("paperworkOverdue", paperworkOverdue(now))
        .put("openedAt", Times.instant(openedAt))
        .put("checkDue", Times.instant(checkDue))
        .put("checkOverdue", checkOverdue(now))
        .put("decisionDue", Times.instant(decisionDue))
        .put("dueSoon", dueSoon(now))
        .put("late", lateAt != null)
        .put("lateAt", Times.instant(lateAt))
        .put("escalatedTo", escalatedTo)
        .put("dismissReason", dismissReason)
        .put("checkedAt", Times.instant(checkedAt))
        .put("visitedOn", visitedOn == null ? null : visitedOn.toString())
        .put("incomePerHead", incomePerHead)
        .put("incomeLine", incomeLine)
        .put("finding", finding)
        .put("hasPhoto", hasPhoto)
        .put("noticeId", noticeId)
        .put("townshipAt", Times.instant(townshipAt))
        .put("decidedAt", Times.instant(decidedAt))
        .put("decisionNote", decisionNote)
        .put("fromStatus", fromStatus)
        .put("needId", needId)
        .put("needStatus", needStatus)
        .put("helpConfirmedAt", Times.instant(helpConfirmedAt))
        .put("firstHelpAt", Times.instant(firstHelpAt))
        .put("closureNoticeId", closureNoticeId)
        .put("closedAt", Times.instant(closedAt));
  }
}
