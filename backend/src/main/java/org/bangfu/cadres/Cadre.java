package org.bangfu.cadres;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A cadre in charge of households (帮扶责任人): name, unit, level, the region they work in, phone
 * (masked here; encrypted at rest). A 第一书记 has the help village they are dispatched to and who
 * dispatched them. {@code households} is how many households they are in charge of.
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
    long households) {
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
        .put("households", households);
  }
}
