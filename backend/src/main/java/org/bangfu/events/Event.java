package org.bangfu.events;

import io.vertx.core.json.JsonObject;

/**
 * Something that changed and that open screens may want to show at once: a need published, a claim,
 * a proposal, a delivery, a receipt, a verification, a round finished, a notice, a report, an
 * alert. It carries only ids, a status and the places needed to decide who may see it — never
 * personal data — because it travels to browsers.
 *
 * @param type what happened, {@code <entity>.<what>} ({@code allocation.confirmed})
 * @param id the changed thing's id
 * @param status its status after the change, if it has one
 * @param villageId the village it concerns, if any (its secretary and reviewers may see it)
 * @param donorId the donor it concerns, if any (that donor may see it)
 * @param regionId the desk it concerns, if any (a township, county or city: the reviewers of that
 *     region and above may see it)
 * @param audience who else may see it
 */
public record Event(
    String type,
    String id,
    String status,
    String villageId,
    Long donorId,
    String regionId,
    Audience audience) {

  /** An event for a village's and a donor's people (and the watching roles). */
  public Event(
      String type, String id, String status, String villageId, Long donorId, Audience audience) {
    this(type, id, status, villageId, donorId, null, audience);
  }

  /** Who may receive an event besides the village's and the donor's own people. */
  public enum Audience {
    /** Anyone, signed in or not (a need published, a notice, a round's totals). */
    PUBLIC,
    /** The village's secretary and reviewers, the donor, and the watching roles. */
    INVOLVED
  }

  public Event {
    if (type == null || id == null || audience == null) {
      throw new IllegalArgumentException("an event needs a type, an id and an audience");
    }
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("type", type)
        .put("id", id)
        .put("status", status)
        .put("villageId", villageId)
        .put("donorId", donorId)
        .put("regionId", regionId)
        .put("audience", audience.name());
  }

  public static Event fromJson(JsonObject j) {
    return new Event(
        j.getString("type"),
        j.getString("id"),
        j.getString("status"),
        j.getString("villageId"),
        j.getLong("donorId"),
        j.getString("regionId"),
        Audience.valueOf(j.getString("audience")));
  }

  /** What a browser receives: the event without the fields only the server needs. */
  public JsonObject forBrowser() {
    return new JsonObject()
        .put("type", type)
        .put("id", id)
        .put("status", status)
        .put("villageId", villageId);
  }
}
