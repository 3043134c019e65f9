package org.bangfu.regions;

import io.vertx.core.json.JsonObject;

/** One node of the region tree; the village fields are null/false above village level. */
public record Region(String id, String parentId, String level, String name, boolean keyTownship,
                     boolean poorVillage, boolean keyVillage, boolean helpVillage,
                     String dispatchedBy, Long collectiveIncome, String collectiveStatus) {

  public boolean isVillage() {
    return "village".equals(level);
  }

  /** The node without its children, in the API's shape. */
  public JsonObject toJson() {
    JsonObject o = new JsonObject().put("id", id).put("name", name).put("level", level);
    if ("township".equals(level)) {
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
