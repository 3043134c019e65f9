package org.bangfu.cadres;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;

/**
 * A cadre in charge of households (帮扶责任人): name, unit, level, the region they work in, phone
 * (masked here; encrypted at rest), the sending unit (挂钩帮扶单位) and the term. A 第一书记 has the help
 * village they are dispatched to and who dispatched them. {@code households} is how many households
 * they are in charge of.
 */
public record Cadre(
    long id,
    String name,
    String unit,
    String level,
    String regionId,
    String phoneMasked,
    String firstSecretaryOf,
    String dispatchedBy,
    long households,
    Long unitId,
    String unitName,
    LocalDate appointedOn,
    LocalDate endedOn,
    String villageName) {
  public static final List<String> LEVELS = List.of("city", "county", "township", "village");
  public static final List<String> DISPATCHERS = List.of("city", "province", "county");

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("unit", unit)
        .put("level", level)
        .put("regionId", regionId)
        .put("phone", phoneMasked)
        .put("firstSecretaryOf", firstSecretaryOf)
        .put("dispatchedBy", dispatchedBy)
        .put("households", households)
        .put("unitId", unitId)
        .put("unitName", unitName)
        .put("appointedOn", appointedOn == null ? null : appointedOn.toString())
        .put("endedOn", endedOn == null ? null : endedOn.toString())
        .put("villageName", villageName);
  }

  /**
   * What the public sees of a village's 第一书记: the name, the unit that sent them, who dispatched
   * them and since when (a public office; the phone is never part of it).
   */
  public JsonObject toPublicJson() {
    return new JsonObject()
        .put("name", name)
        .put("unitName", unitName != null ? unitName : unit)
        .put("dispatchedBy", dispatchedBy)
        .put("villageId", firstSecretaryOf)
        .put("villageName", villageName)
        .put("appointedOn", appointedOn == null ? null : appointedOn.toString());
  }
}
