package org.bangfu.registry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.support.Times;

/**
 * An application to change a household's status, with its grounds: income per head (yuan a year)
 * and the 两不愁三保障 items still unmet. It goes submitted → reviewed (township) → in_notice (approved
 * by the county, published as the public notice {@code noticeId}) → effective, or rejected at a
 * review or withdrawn with its notice. {@code registration}: the household's entry into the
 * register. {@code headName} is the household head (shown to the village and its reviewers only);
 * {@code objections} counts the objections filed to its notice.
 */
public record StatusApplication(
    long id,
    long householdId,
    String headName,
    String villageId,
    String villageName,
    String fromStatus,
    String toStatus,
    int year,
    String removedReason,
    boolean dibao,
    boolean tekun,
    long incomePerHead,
    List<String> unmet,
    String note,
    Long reviewVisitId,
    State state,
    String rejectReason,
    OffsetDateTime submittedAt,
    OffsetDateTime reviewedAt,
    OffsetDateTime approvedAt,
    OffsetDateTime publishedAt,
    OffsetDateTime noticeEnds,
    int objections,
    OffsetDateTime effectiveAt,
    Long noticeId,
    boolean registration,
    OffsetDateTime dueAt) {

  public StatusApplication {
    unmet = List.copyOf(unmet);
  }

  /** Where an application is on its way. */
  public enum State {
    SUBMITTED("submitted"),
    REVIEWED("reviewed"),
    IN_NOTICE("in_notice"),
    EFFECTIVE("effective"),
    REJECTED("rejected");

    public static final List<String> WIRE =
        java.util.Arrays.stream(values()).map(State::wire).toList();
    private final String wire;

    State(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static State of(String s) {
      return java.util.Arrays.stream(values())
          .filter(v -> v.wire.equals(s))
          .findFirst()
          .orElseThrow();
    }
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("householdId", householdId)
        .put("headName", headName)
        .put("villageId", villageId)
        .put("villageName", villageName)
        .put("fromStatus", fromStatus)
        .put("toStatus", toStatus)
        .put("year", year)
        .put("removedReason", removedReason)
        .put("dibao", dibao)
        .put("tekun", tekun)
        .put("incomePerHead", incomePerHead)
        .put("unmet", new JsonArray(new ArrayList<>(unmet)))
        .put("note", note)
        .put("reviewVisitId", reviewVisitId)
        .put("state", state.wire())
        .put("rejectReason", rejectReason)
        .put("submittedAt", Times.instant(submittedAt))
        .put("reviewedAt", Times.instant(reviewedAt))
        .put("approvedAt", Times.instant(approvedAt))
        .put("publishedAt", Times.instant(publishedAt))
        .put("noticeEnds", Times.instant(noticeEnds))
        .put("objections", objections)
        .put("effectiveAt", Times.instant(effectiveAt))
        .put("noticeId", noticeId)
        .put("registration", registration)
        .put("dueAt", Times.instant(dueAt));
  }
}
