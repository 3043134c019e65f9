package org.bangfu.funds;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bangfu.support.Times;

/**
 * A fund project (项目) in a village (or a paired county), drawing on one or more programmes: planned
 * (its allocation reserved) → approved (公示) → in progress (拨付 made) → accepted (验收, 公示).
 */
public record Project(
    long id,
    String name,
    String regionId,
    String regionName,
    String countyId,
    String countyName,
    Long householdId,
    String category,
    long budget,
    long allocated,
    long disbursed,
    String implementer,
    String procurement,
    LocalDate plannedStart,
    LocalDate plannedEnd,
    String description,
    Status status,
    int progress,
    OffsetDateTime createdAt,
    OffsetDateTime approvedAt,
    OffsetDateTime acceptedAt,
    String acceptanceNote,
    OffsetDateTime lastReportAt) {

  public static final List<String> PROCUREMENT =
      List.of(
          "public_tender",
          "invited_tender",
          "competitive_negotiation",
          "inquiry",
          "single_source",
          "self_built");

  public enum Status {
    PLANNED("planned"),
    APPROVED("approved"),
    IN_PROGRESS("in_progress"),
    ACCEPTED("accepted");

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

  /** One programme's share of a project (the project allocation) and what was paid of it. */
  public record Source(
      long programmeId, String programmeName, String source, long amount, long disbursed) {
    JsonObject toJson() {
      return new JsonObject()
          .put("programmeId", programmeId)
          .put("programmeName", programmeName)
          .put("source", source)
          .put("amount", amount)
          .put("disbursed", disbursed);
    }
  }

  /** A disbursement (拨付). */
  public record Disbursement(
      long id, long programmeId, long amount, String note, OffsetDateTime at, String by) {
    JsonObject toJson() {
      return new JsonObject()
          .put("id", id)
          .put("programmeId", programmeId)
          .put("amount", amount)
          .put("note", note)
          .put("at", Times.instant(at))
          .put("by", by);
    }
  }

  /** A progress report with the ids of its photos. */
  public record Report(
      long id, int percent, String note, OffsetDateTime at, String by, List<Long> photos) {
    JsonObject toJson() {
      return new JsonObject()
          .put("id", id)
          .put("percent", percent)
          .put("note", note)
          .put("at", Times.instant(at))
          .put("by", by)
          .put("photos", new JsonArray(photos));
    }
  }

  /** A project with its sources, disbursements and reports. */
  public record Detail(
      Project project,
      List<Source> sources,
      List<Disbursement> disbursements,
      List<Report> reports) {
    public JsonObject toJson() {
      return project
          .toJson()
          .put("sources", new JsonArray(sources.stream().map(Source::toJson).toList()))
          .put(
              "disbursements",
              new JsonArray(disbursements.stream().map(Disbursement::toJson).toList()))
          .put("reports", new JsonArray(reports.stream().map(Report::toJson).toList()));
    }
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("regionId", regionId)
        .put("regionName", regionName)
        .put("countyId", countyId)
        .put("countyName", countyName)
        .put("householdId", householdId)
        .put("category", category)
        .put("budget", budget)
        .put("allocated", allocated)
        .put("disbursed", disbursed)
        .put("implementer", implementer)
        .put("procurement", procurement)
        .put("plannedStart", plannedStart.toString())
        .put("plannedEnd", plannedEnd.toString())
        .put("description", description)
        .put("status", status.wire())
        .put("progress", progress)
        .put("createdAt", Times.instant(createdAt))
        .put("approvedAt", Times.instant(approvedAt))
        .put("acceptedAt", Times.instant(acceptedAt))
        .put("acceptanceNote", acceptanceNote)
        .put("lastReportAt", Times.instant(lastReportAt));
  }
}
