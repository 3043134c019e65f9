package org.bangfu.reports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import org.bangfu.support.Times;

/**
 * A 12317 report as the desk sees it. {@code reporterSealed} is the ciphertext of who reported
 * (never decrypted here); {@code overdue} is computed by the database at the instant asked; {@code
 * hasPhoto}: the reporter sent a photo ({@code GET /reports/{id}/photo}).
 */
public record Report(
    long id,
    String trackingNo,
    String subjectKind,
    String subjectId,
    String countyId,
    String countyName,
    String level,
    String category,
    String content,
    boolean anonymous,
    byte[] reporterSealed,
    ReportStatus status,
    String notAcceptedReason,
    OffsetDateTime receivedAt,
    OffsetDateTime ackDue,
    OffsetDateTime answerDue,
    OffsetDateTime acceptedAt,
    OffsetDateTime answeredAt,
    OffsetDateTime closedAt,
    OffsetDateTime escalatedAt,
    OffsetDateTime reviewRequestedAt,
    String reviewReason,
    boolean overdue,
    boolean hasPhoto,
    List<ReportAnswer> answers) {

  public Report withAnswers(List<ReportAnswer> list) {
    return new Report(
        id,
        trackingNo,
        subjectKind,
        subjectId,
        countyId,
        countyName,
        level,
        category,
        content,
        anonymous,
        reporterSealed,
        status,
        notAcceptedReason,
        receivedAt,
        ackDue,
        answerDue,
        acceptedAt,
        answeredAt,
        closedAt,
        escalatedAt,
        reviewRequestedAt,
        reviewReason,
        overdue,
        hasPhoto,
        list);
  }

  /** The latest answer, the one the reporter reads. */
  public ReportAnswer latestAnswer() {
    return answers == null || answers.isEmpty() ? null : answers.get(answers.size() - 1);
  }

  public boolean reviewUsed() {
    return reviewRequestedAt != null;
  }

  private JsonObject dates(JsonObject o) {
    return o.put("status", status.wire())
        .put("receivedAt", Times.instant(receivedAt))
        .put("ackDue", Times.instant(ackDue))
        .put("answerDue", Times.instant(answerDue))
        .put("acceptedAt", Times.instant(acceptedAt))
        .put("answeredAt", Times.instant(answeredAt))
        .put("closedAt", Times.instant(closedAt))
        .put("escalated", escalatedAt != null)
        .put("escalatedAt", Times.instant(escalatedAt))
        .put("overdue", overdue)
        .put("notAcceptedReason", notAcceptedReason)
        .put("reviewRequestedAt", Times.instant(reviewRequestedAt));
  }

  /**
   * The desk's view: content and handling, never who reported ({@code reporter} is added by the
   * routes for auditors only).
   */
  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    if (answers != null) {
      answers.forEach(a -> list.add(a.toJson()));
    }
    return dates(
            new JsonObject()
                .put("id", id)
                .put("trackingNumber", trackingNo)
                .put("subjectKind", subjectKind)
                .put("subjectId", subjectId)
                .put("countyId", countyId)
                .put("countyName", countyName)
                .put("level", level)
                .put("category", category)
                .put("content", content)
                .put("anonymous", anonymous)
                .put("hasPhoto", hasPhoto))
        .put("reviewReason", reviewReason)
        .put("answers", list);
  }

  /** What the holder of the tracking secret sees: status, dates and the published answer. */
  public JsonObject toTrackingJson() {
    ReportAnswer a = latestAnswer();
    boolean answeredNow = status == ReportStatus.ANSWERED || status == ReportStatus.CLOSED;
    return dates(
            new JsonObject()
                .put("trackingNumber", trackingNo)
                .put("level", level)
                .put("countyName", countyName))
        .put("answer", a == null ? null : a.toPublicJson())
        .put("canRequestReview", answeredNow && a != null && !reviewUsed());
  }
}
