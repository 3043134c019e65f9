package org.bangfu.notices;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import org.bangfu.support.Times;

/**
 * An objection (异议) to a notice. {@code contact} is the objector's contact in clear, filled only
 * for those who may see it (the reviewer handling it, auditors); otherwise null.
 */
public record Objection(
    long id,
    long noticeId,
    String noticeTitle,
    String regionId,
    String regionName,
    String text,
    String contact,
    boolean hasContact,
    OffsetDateTime filedAt,
    OffsetDateTime dueAt,
    Status status,
    String answer,
    OffsetDateTime answeredAt) {

  public enum Status {
    OPEN("open"),
    ANSWERED("answered");

    private final String wire;

    Status(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Status fromWire(String s) {
      return s.equals("answered") ? ANSWERED : OPEN;
    }
  }

  public Objection withContact(String clear) {
    return new Objection(
        id,
        noticeId,
        noticeTitle,
        regionId,
        regionName,
        text,
        clear,
        hasContact,
        filedAt,
        dueAt,
        status,
        answer,
        answeredAt);
  }

  /** For the reviewer handling it and auditors. */
  public JsonObject toJson(boolean overdue) {
    return new JsonObject()
        .put("id", id)
        .put("noticeId", noticeId)
        .put("noticeTitle", noticeTitle)
        .put("regionId", regionId)
        .put("regionName", regionName)
        .put("text", text)
        .put("contact", contact)
        .put("filedAt", Times.instant(filedAt))
        .put("dueAt", Times.instant(dueAt))
        .put("overdue", overdue)
        .put("status", status.wire())
        .put("answer", answer)
        .put("answeredAt", Times.instant(answeredAt));
  }

  /** What the public sees on the notice: that an objection was filed, and the answer. */
  public JsonObject toPublicJson() {
    return new JsonObject()
        .put("id", id)
        .put("filedAt", Times.instant(filedAt))
        .put("dueAt", Times.instant(dueAt))
        .put("status", status.wire())
        .put("answer", org.bangfu.privacy.PublicText.scrub(answer))
        .put("answeredAt", Times.instant(answeredAt));
  }
}
