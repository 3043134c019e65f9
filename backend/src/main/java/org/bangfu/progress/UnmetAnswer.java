package org.bangfu.progress;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.bangfu.support.Paging;

/**
 * The unmet villages of a county (or everywhere) as a node keeps them: the villages, most open
 * needs first, and the whole list encoded (what the dashboard asks for). A page asked for ({@code
 * page}, {@code size}) is encoded from the list per request: twenty villages of tens of thousands.
 */
record UnmetAnswer(List<Progress.UnmetVillage> villages, long openNeeds, Buffer whole) {

  static UnmetAnswer of(List<Progress.UnmetVillage> villages) {
    List<Progress.UnmetVillage> all = List.copyOf(villages);
    long needs = all.stream().mapToLong(Progress.UnmetVillage::openNeeds).sum();
    return new UnmetAnswer(all, needs, json(all, all.size(), needs).toBuffer());
  }

  /** The villages of one page, with the total of villages and open needs of the whole list. */
  Buffer page(Paging paging) {
    int from = (int) Math.min(villages.size(), paging.offset());
    int to = Math.min(villages.size(), from + paging.size());
    return json(villages.subList(from, to), villages.size(), openNeeds).toBuffer();
  }

  private static JsonObject json(List<Progress.UnmetVillage> list, int total, long needs) {
    JsonArray items = new JsonArray();
    for (Progress.UnmetVillage v : list) {
      items.add(
          new JsonObject()
              .put("villageId", v.villageId())
              .put("villageName", v.villageName())
              .put("countyName", v.countyName())
              .put("openNeeds", v.openNeeds())
              .put("remaining", ProgressRoutes.amounts(v.remaining())));
    }
    return new JsonObject().put("items", items).put("total", total).put("openNeeds", needs);
  }
}
