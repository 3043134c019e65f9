package org.bangfu.cadres;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A unit that sends cadres and 第一书记 (挂钩帮扶单位): a province, city, county or township body such as
 * 市委组织部 or 市农业局, where it sits, and how many of its cadres serve now (of them, 第一书记).
 */
public record HelpUnit(
    long id,
    String name,
    String level,
    String regionId,
    String regionName,
    long serving,
    long firstSecretaries) {

  public static final List<String> LEVELS = List.of("province", "city", "county", "township");

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("level", level)
        .put("regionId", regionId)
        .put("regionName", regionName)
        .put("serving", serving)
        .put("firstSecretaries", firstSecretaries);
  }
}
