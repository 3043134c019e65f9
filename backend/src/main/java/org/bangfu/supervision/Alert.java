package org.bangfu.supervision;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bangfu.support.Times;

/**
 * An alert of fund supervision: which rule, about what (allocation, project, household, programme,
 * pledge), where, and how an auditor handled it. {@code details} is JSON text of the figures the
 * rule saw (amounts, days, dates). {@code dueAt}: when the auditors' handling falls due (the
 * deadline engine's), null once handled.
 */
public record Alert(
    long id,
    String rule,
    String subjectType,
    String subjectId,
    String regionId,
    String regionName,
    String countyId,
    String countyName,
    String title,
    String details,
    OffsetDateTime raisedAt,
    Status status,
    String note,
    String handledBy,
    OffsetDateTime handledAt,
    OffsetDateTime dueAt) {

  public static final List<String> RULES =
      List.of(
          "allocation_not_delivered",
          "allocation_not_received",
          "receipt_without_evidence",
          "allocation_not_verified",
          "project_without_progress",
          "project_overdue",
          "household_many_sources",
          "programme_ahead",
          "programme_behind",
          "pledge_expiring");

  /** open → explained (a reason was given) or closed (dealt with). */
  public enum Status {
    OPEN("open"),
    EXPLAINED("explained"),
    CLOSED("closed");

    private final String wire;

    Status(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Optional<Status> fromWire(String s) {
      return Arrays.stream(values()).filter(v -> v.wire.equals(s)).findFirst();
    }

    public static List<String> wires() {
      return Arrays.stream(values()).map(Status::wire).toList();
    }
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("rule", rule)
        .put("subjectType", subjectType)
        .put("subjectId", subjectId)
        .put("regionId", regionId)
        .put("regionName", regionName)
        .put("countyId", countyId)
        .put("countyName", countyName)
        .put("title", title)
        .put("details", details == null ? new JsonObject() : new JsonObject(details))
        .put("raisedAt", Times.instant(raisedAt))
        .put("status", status.wire())
        .put("note", note)
        .put("handledBy", handledBy)
        .put("handledAt", Times.instant(handledAt))
        .put("dueAt", Times.instant(dueAt));
  }
}
