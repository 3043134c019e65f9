package org.bangfu.accountability;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import org.bangfu.support.Times;

/**
 * A 问责 case: opened on a ground (a founded report, a repeated or late finding), and decided once,
 * with the measure taken for each person.
 */
public record AccountabilityCase(
    long id,
    Ground ground,
    Long reportId,
    String reportTrackingNumber,
    Long findingId,
    String findingProblem,
    Long inspectionId,
    Long earlierFindingId,
    String countyId,
    String countyName,
    String summary,
    String status,
    String openedBy,
    OffsetDateTime openedAt,
    String basis,
    String decidedBy,
    OffsetDateTime decidedAt,
    List<Person> people) {

  public AccountabilityCase withPeople(List<Person> list) {
    return new AccountabilityCase(
        id,
        ground,
        reportId,
        reportTrackingNumber,
        findingId,
        findingProblem,
        inspectionId,
        earlierFindingId,
        countyId,
        countyName,
        summary,
        status,
        openedBy,
        openedAt,
        basis,
        decidedBy,
        decidedAt,
        list);
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    people.forEach(p -> list.add(p.toJson()));
    return new JsonObject()
        .put("id", id)
        .put("ground", ground.wire())
        .put("reportId", reportId)
        .put("reportTrackingNumber", reportTrackingNumber)
        .put("findingId", findingId)
        .put("findingProblem", findingProblem)
        .put("inspectionId", inspectionId)
        .put("earlierFindingId", earlierFindingId)
        .put("countyId", countyId)
        .put("countyName", countyName)
        .put("summary", summary)
        .put("status", status)
        .put("openedBy", openedBy)
        .put("openedAt", Times.instant(openedAt))
        .put("basis", basis)
        .put("decidedBy", decidedBy)
        .put("decidedAt", Times.instant(decidedAt))
        .put("people", list);
  }
}
