package org.bangfu.monitor;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import org.bangfu.support.Times;

/** One step of a case's timeline: what happened ({@code step}), a note, when. */
public record CaseEvent(long id, String step, String note, OffsetDateTime at) {
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("step", step)
        .put("note", note)
        .put("at", Times.instant(at));
  }
}
