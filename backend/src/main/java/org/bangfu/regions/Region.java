package org.bangfu.regions;

import io.vertx.core.json.JsonObject;

/** One node of the region tree; the village fields are null/false above village level. */
public record Region(
    String id,
    String parentId,
    Level level,
    String name,
    boolean keyTownship,
    boolean poorVillage,
    boolean keyVillage,
    boolean helpVillage,
    String dispatchedBy,
    Long collectiveIncome,
    String collectiveStatus) {

  /** The levels of the tree, from the province (福建省) down to the administrative village (行政村). */
  public enum Level {
    PROVINCE,
    CITY,
    COUNTY,
    TOWNSHIP,
    VILLAGE;

    /** The name in the database and the API. */
    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Level fromWire(String wire) {
      return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public boolean isVillage() {
    return level == Level.VILLAGE;
  }

  /** The node without its children, in the API's shape. */
  public JsonObject toJson() {
    JsonObject o = new JsonObject().put("id", id).put("name", name).put("level", level.wire());
    if (level == Level.TOWNSHIP) {
      o.put("keyTownship", keyTownship);
    }
    if (isVillage()) {
      o.put("poorVillage", poorVillage)
          .put("keyVillage", keyVillage)
          .put("helpVillage", helpVillage)
          .put("dispatchedBy", dispatchedBy)
          .put("collectiveIncome", collectiveIncome)
          .put("collectiveStatus", collectiveStatus);
    }
    return o;
  }
}
