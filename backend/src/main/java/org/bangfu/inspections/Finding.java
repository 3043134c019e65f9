package org.bangfu.inspections;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.bangfu.support.Times;

/**
 * A finding (督查发现的问题) and, when read alone, its rectifications and decisions. {@code overdue} and
 * {@code onTime} are computed by the database at the instant asked; {@code repeatOf} names the
 * earlier finding on the same subject that had been accepted before this one was recorded.
 */
public record Finding(
    long id,
    long inspectionId,
    String inspectionTitle,
    String subjectKind,
    String subjectId,
    String subjectName,
    String countyId,
    String countyName,
    String severity,
    String problem,
    LocalDate deadline,
    FindingStatus status,
    OffsetDateTime createdAt,
    OffsetDateTime acceptedAt,
    OffsetDateTime rectifiedAt,
    OffsetDateTime escalatedAt,
    boolean overdue,
    Boolean onTime,
    Long repeatOf,
    List<Rectification> rectifications,
    List<Decision> decisions) {

  public Finding with(List<Rectification> r, List<Decision> d) {
    return new Finding(
        id,
        inspectionId,
        inspectionTitle,
        subjectKind,
        subjectId,
        subjectName,
        countyId,
        countyName,
        severity,
        problem,
        deadline,
        status,
        createdAt,
        acceptedAt,
        rectifiedAt,
        escalatedAt,
        overdue,
        onTime,
        repeatOf,
        r,
        d);
  }

  public JsonObject toJson() {
    JsonObject o =
        new JsonObject()
            .put("id", id)
            .put("inspectionId", inspectionId)
            .put("inspectionTitle", inspectionTitle)
            .put("subjectKind", subjectKind)
            .put("subjectId", subjectId)
            .put("subjectName", subjectName)
            .put("countyId", countyId)
            .put("countyName", countyName)
            .put("severity", severity)
            .put("problem", problem)
            .put("deadline", deadline.toString())
            .put("status", status.wire())
            .put("createdAt", Times.instant(createdAt))
            .put("acceptedAt", Times.instant(acceptedAt))
            .put("rectifiedAt", Times.instant(rectifiedAt))
            .put("escalated", escalatedAt != null)
            .put("escalatedAt", Times.instant(escalatedAt))
            .put("overdue", overdue)
            .put("onTime", onTime)
            .put("repeatOf", repeatOf);
    if (rectifications != null) {
      JsonArray list = new JsonArray();
      rectifications.forEach(r -> list.add(r.toJson()));
      o.put("rectifications", list);
    }
    if (decisions != null) {
      JsonArray list = new JsonArray();
      decisions.forEach(d -> list.add(d.toJson()));
      o.put("decisions", list);
    }
    return o;
  }

  /** One version of the rectification (整改报告) with its evidence files (names only). */
  public record Rectification(
      long id,
      int version,
      String note,
      String submittedBy,
      OffsetDateTime submittedAt,
      List<EvidenceFile> files) {
    public JsonObject toJson() {
      JsonArray list = new JsonArray();
      files.forEach(
          f ->
              list.add(
                  new JsonObject()
                      .put("n", f.n())
                      .put("name", f.name())
                      .put("contentType", f.contentType())
                      .put("size", f.size())));
      return new JsonObject()
          .put("id", id)
          .put("version", version)
          .put("note", note)
          .put("submittedBy", submittedBy)
          .put("submittedAt", Times.instant(submittedAt))
          .put("files", list);
    }
  }

  public record EvidenceFile(
      long rectificationId, int n, String name, String contentType, int size) {}

  /** The inspector's decision on one rectification: accepted (销号) or returned with reasons. */
  public record Decision(
      int version, String decision, String reason, String by, OffsetDateTime at) {
    public JsonObject toJson() {
      return new JsonObject()
          .put("version", version)
          .put("decision", decision)
          .put("reason", reason)
          .put("by", by)
          .put("at", Times.instant(at));
    }
  }
}
