package org.bangfu.monitor;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.support.Times;

/**
 * A donor a confirmed risk's help is proposed to, with why (the affinity reasons and their words):
 * drafted with the need, sent when the village's secretary confirms it. What a donor sees of it
 * names the village and the need, never the household.
 */
public record Proposal(
    long id,
    long caseId,
    long needId,
    String needTitle,
    String needStatus,
    long donorId,
    String donorName,
    String villageId,
    String villageName,
    String countyName,
    int rank,
    List<String> reasons,
    String words,
    String state,
    OffsetDateTime sentAt) {

  public Proposal {
    reasons = List.copyOf(reasons);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("caseId", caseId)
        .put("needId", needId)
        .put("needTitle", needTitle)
        .put("needStatus", needStatus)
        .put("donorId", donorId)
        .put("donorName", donorName)
        .put("villageId", villageId)
        .put("villageName", villageName)
        .put("countyName", countyName)
        .put("rank", rank)
        .put("reasons", new JsonArray(new ArrayList<>(reasons)))
        .put("words", words)
        .put("state", state)
        .put("sentAt", Times.instant(sentAt));
  }

  /** For the donor: the need, the place and why — nothing of the case or the household. */
  public JsonObject toDonorJson() {
    return new JsonObject()
        .put("id", id)
        .put("needId", needId)
        .put("needTitle", needTitle)
        .put("needStatus", needStatus)
        .put("villageId", villageId)
        .put("villageName", villageName)
        .put("countyName", countyName)
        .put("reasons", new JsonArray(new ArrayList<>(reasons)))
        .put("words", words)
        .put("sentAt", Times.instant(sentAt));
  }
}
