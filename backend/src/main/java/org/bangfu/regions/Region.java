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

  /**
   * Where the codes inside region {@code code} end, in byte order: every code a region contains
   * starts with its own (a county "350524" holds "350524-T01-V01", a city "3505" its counties
   * "350524"), so they all lie in [code, this). Queries read that range from an index on the codes
   * in byte order ({@code COLLATE "C"}) and keep exactly the right ones with {@code
   * region_contains}.
   */
  public static String codesEnd(String code) {
    return code.substring(0, code.length() - 1) + (char) (code.charAt(code.length() - 1) + 1);
  }

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
