package org.bangfu.accountability;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One person of a 问责 decision: their unit and post as text — never a name or an ID number — and the
 * measure taken.
 */
public record Person(String unit, String role, String measure) {

  /** 诫勉谈话, 通报批评, 党纪处分, 政务处分, 组织处理, and 不予问责 (none). */
  public static final List<String> MEASURES =
      List.of(
          "admonishment_talk",
          "circulated_criticism",
          "party_discipline",
          "government_sanction",
          "organisational_handling",
          "none");

  public JsonObject toJson() {
    return new JsonObject().put("unit", unit).put("role", role).put("measure", measure);
  }
}
