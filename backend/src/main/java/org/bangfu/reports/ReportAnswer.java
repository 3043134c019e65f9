package org.bangfu.reports;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import org.bangfu.support.Times;

/** One version of the answer to a report: the finding (查实情况) and the measures taken. */
public record ReportAnswer(
    long reportId,
    int version,
    String finding,
    String answer,
    String measures,
    String byUser,
    OffsetDateTime at) {

  /** 属实 founded, 部分属实 partly founded, 不属实 unfounded. */
  public static final List<String> FINDINGS = List.of("founded", "partly_founded", "unfounded");

  public boolean founded() {
    return !"unfounded".equals(finding);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("version", version)
        .put("finding", finding)
        .put("answer", answer)
        .put("measures", measures)
        .put("byUser", byUser)
        .put("at", Times.instant(at));
  }

  /** The published answer, without the official's account. */
  public JsonObject toPublicJson() {
    JsonObject o = toJson();
    o.remove("byUser");
    return o;
  }
}
