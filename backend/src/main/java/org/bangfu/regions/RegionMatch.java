package org.bangfu.regions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A region found by its name, with the names above it down to itself (安溪县 · 龙门镇 · 福亭村), so a picker
 * tells two villages of the same name apart.
 */
public record RegionMatch(String id, String name, Region.Level level, List<String> path) {

  public RegionMatch {
    path = List.copyOf(path);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("level", level.wire())
        .put("path", new JsonArray(List.copyOf(path)));
  }
}
