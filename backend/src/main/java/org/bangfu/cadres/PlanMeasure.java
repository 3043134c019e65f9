package org.bangfu.cadres;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import org.bangfu.support.Times;

/**
 * One measure of a household's plan (一户一策): its kind, target and status, and the marketplace need
 * it posted where outside help is wanted.
 */
public record PlanMeasure(
    long id,
    long householdId,
    String kind,
    String target,
    String status,
    Long needId,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {
  /**
   * industry 产业, employment 就业, relocation 搬迁, housing 危房改造, education 教育, health 健康, ecology 生态,
   * dibao 低保兜底, training 雨露计划, microcredit 小额信贷, ecommerce 电商, tourism 旅游.
   */
  public static final List<String> KINDS =
      List.of(
          "industry",
          "employment",
          "relocation",
          "housing",
          "education",
          "health",
          "ecology",
          "dibao",
          "training",
          "microcredit",
          "ecommerce",
          "tourism");

  public static final List<String> STATUSES = List.of("planned", "in_progress", "done", "dropped");

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("householdId", householdId)
        .put("kind", kind)
        .put("target", target)
        .put("status", status)
        .put("needId", needId)
        .put("createdAt", Times.instant(createdAt))
        .put("updatedAt", Times.instant(updatedAt));
  }
}
