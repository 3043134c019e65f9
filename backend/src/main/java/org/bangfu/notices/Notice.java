package org.bangfu.notices;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Optional;
import org.bangfu.privacy.PublicText;
import org.bangfu.support.Times;

/**
 * A public notice (公告公示) as stored: what it announces ({@code kind}, subject), where, the public
 * content, and its window; and its correction (更正) when one was published. Nothing in it is
 * personal data: publishers mask beneficiaries.
 */
public record Notice(
    long id,
    String kind,
    String subjectType,
    String subjectId,
    String regionId,
    String regionName,
    String countyId,
    String countyName,
    String title,
    Long amount,
    String source,
    String purpose,
    String place,
    String implementer,
    String beneficiaries,
    OffsetDateTime publishedAt,
    OffsetDateTime windowEndsAt,
    Status status,
    OffsetDateTime closedAt,
    int openObjections,
    int objections,
    String correction,
    OffsetDateTime correctedAt,
    String withdrawnReason) {

  /**
   * open (objections may be filed) → held (an objection is open: cannot close) → closed; or
   * withdrawn, when a founded objection (or the publisher) stopped what it announced.
   */
  public enum Status {
    OPEN("open"),
    HELD("held"),
    CLOSED("closed"),
    WITHDRAWN("withdrawn");

    private final String wire;

    Status(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Optional<Status> fromWire(String s) {
      return Arrays.stream(values()).filter(v -> v.wire.equals(s)).findFirst();
    }
  }

  /**
   * The public shape (list and page), through the one privacy filter ({@link PublicText}): whatever
   * was typed into a notice, no ID number, phone, bank account or health detail leaves.
   */
  public JsonObject toJson() {
    return PublicText.scrub(fields());
  }

  private JsonObject fields() {
    return new JsonObject()
        .put("id", id)
        .put("kind", kind)
        .put("subjectType", subjectType)
        .put("subjectId", subjectId)
        .put("regionId", regionId)
        .put("regionName", regionName)
        .put("countyId", countyId)
        .put("countyName", countyName)
        .put("title", title)
        .put("amount", amount)
        .put("source", source)
        .put("purpose", purpose)
        .put("place", place)
        .put("implementer", implementer)
        .put("beneficiaries", beneficiaries)
        .put("publishedAt", Times.instant(publishedAt))
        .put("windowEndsAt", Times.instant(windowEndsAt))
        .put("status", status.wire())
        .put("closedAt", Times.instant(closedAt))
        .put("openObjections", openObjections)
        .put("objections", objections)
        .put("correction", correction)
        .put("correctedAt", Times.instant(correctedAt))
        .put("withdrawnReason", withdrawnReason);
  }
}
