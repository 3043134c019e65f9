package org.bangfu.sampling;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import org.bangfu.support.Times;

/**
 * A sample of verified allocations (抽查批次): the frame it was drawn from (a month's verifications, or
 * a match round's), its size by {@link SampleSize}, the seed that drew it ({@link SampleDraw}) and
 * what the checks found so far. The received rate counts "received with problems" as received.
 */
public record DeliverySample(
    long id,
    String kind,
    String period,
    Long roundId,
    OffsetDateTime frameFrom,
    OffsetDateTime frameUntil,
    int population,
    int size,
    String seed,
    double confidence,
    double margin,
    OffsetDateTime drawnAt,
    Counts counts) {

  /** What the answered checks found. */
  public record Counts(long checked, long received, long problems, long notReceived) {
    public static final Counts NONE = new Counts(0, 0, 0, 0);

    /** Received (with or without problems) of those checked; null before any check. */
    public Double receivedRate() {
      return checked == 0 ? null : (double) (received + problems) / checked;
    }

    public Counts plus(Counts o) {
      return new Counts(
          checked + o.checked,
          received + o.received,
          problems + o.problems,
          notReceived + o.notReceived);
    }

    public JsonObject toJson(int population) {
      Double rate = receivedRate();
      return new JsonObject()
          .put("checked", checked)
          .put("received", received)
          .put("problems", problems)
          .put("notReceived", notReceived)
          .put("receivedRate", rate)
          .put(
              "achievedMargin",
              rate == null ? null : SampleSize.achievedMargin(rate, (int) checked, population));
    }
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("kind", kind)
        .put("period", period)
        .put("roundId", roundId)
        .put("frameFrom", Times.instant(frameFrom))
        .put("frameUntil", Times.instant(frameUntil))
        .put("population", population)
        .put("size", size)
        .put("seed", seed)
        .put("confidence", confidence)
        .put("margin", margin)
        .put("drawnAt", Times.instant(drawnAt))
        .put("results", counts.toJson(population));
  }
}
