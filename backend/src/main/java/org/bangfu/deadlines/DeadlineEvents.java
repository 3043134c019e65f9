package org.bangfu.deadlines;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.db.NoticeChannels;
import org.bangfu.db.NoticeListener;
import org.bangfu.events.Event;
import org.bangfu.events.Events;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells open screens of deadlines that opened, were met or cancelled, turned amber or red, or were
 * escalated. PostgreSQL says so itself when the change commits ({@code NOTIFY bangfu_deadlines},
 * V90: one notice per kind and audience), whatever wrote it — a workflow's transaction or the
 * deadline job — and never for a change rolled back. Every node listens and hands each notice to
 * its own streams only, as an event ({@code deadline.<what>}, its id the kind) for the owner's
 * people and, once escalated, for the desk it went to ({@link org.bangfu.events.EventAccess} then
 * decides who hears it). The header's badge and the inbox reload on it.
 */
public final class DeadlineEvents {
  static final String CHANNEL = "bangfu_deadlines";
  private static final Logger LOG = LoggerFactory.getLogger(DeadlineEvents.class);

  private final Vertx vertx;
  private final NoticeListener listener;

  public DeadlineEvents(Vertx vertx, NoticeChannels channels) {
    this.vertx = vertx;
    this.listener = channels.listen(CHANNEL, this::relay, () -> {});
  }

  /** Whether this node hears the database's notices now. */
  public boolean listening() {
    return listener.listening();
  }

  private void relay(String payload) {
    try {
      events(new JsonObject(payload)).forEach(e -> Events.publishHere(vertx, e));
    } catch (DecodeException | IllegalArgumentException e) {
      LOG.warn("a deadline notice that cannot be read: {}", e.getMessage());
    }
  }

  /** The events of one notice: for the owner's people, and for the desk it was escalated to. */
  static List<Event> events(JsonObject n) {
    String type = "deadline." + n.getString("type");
    String kind = n.getString("kind");
    List<Event> out = new ArrayList<>();
    String role = n.getString("role");
    out.add(
        new Event(
            type,
            kind,
            n.getString("type"),
            "village_secretary".equals(role) ? n.getString("village") : null,
            "donor".equals(role) ? n.getLong("donor") : null,
            "reviewer".equals(role) ? n.getString("region") : null,
            Event.Audience.INVOLVED));
    if ("reviewer".equals(n.getString("toRole"))) {
      out.add(
          new Event(
              type,
              kind,
              n.getString("type"),
              null,
              null,
              n.getString("toRegion"),
              Event.Audience.INVOLVED));
    }
    return out;
  }
}
