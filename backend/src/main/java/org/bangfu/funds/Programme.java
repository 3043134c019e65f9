package org.bangfu.funds;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.bangfu.support.Times;

/**
 * A fund programme (资金项目计划): who pays ({@code source}: city, province or county finance, a paired
 * coastal county, a donor campaign), for what, which year, how much, and who may receive it. {@code
 * allocated} went to projects, {@code disbursed} was paid out of that.
 */
public record Programme(
    long id,
    String name,
    String source,
    String sourceRegionId,
    String sourceRegionName,
    Long campaignId,
    String campaignName,
    String category,
    int year,
    long budget,
    long allocated,
    long disbursed,
    String eligibility,
    List<String> eligibleCounties,
    String dispatchedBy,
    List<String> householdStatuses,
    LocalDate startsOn,
    LocalDate endsOn,
    String description,
    OffsetDateTime createdAt) {

  public static final List<String> SOURCES =
      List.of("city", "province", "county", "paired_county", "campaign");
  public static final List<String> ELIGIBILITY =
      List.of("any", "poor_villages", "key_villages", "help_villages", "households");

  public Programme {
    eligibleCounties = List.copyOf(eligibleCounties);
    householdStatuses = List.copyOf(householdStatuses);
  }

  public long left() {
    return budget - allocated;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("source", source)
        .put("sourceRegionId", sourceRegionId)
        .put("sourceRegionName", sourceRegionName)
        .put("campaignId", campaignId)
        .put("campaignName", campaignName)
        .put("category", category)
        .put("year", year)
        .put("budget", budget)
        .put("allocated", allocated)
        .put("disbursed", disbursed)
        .put("left", left())
        .put("eligibility", eligibility)
        .put("eligibleCounties", new JsonArray(eligibleCounties))
        .put("dispatchedBy", dispatchedBy)
        .put("householdStatuses", new JsonArray(householdStatuses))
        .put("startsOn", startsOn.toString())
        .put("endsOn", endsOn.toString())
        .put("description", description)
        .put("createdAt", Times.instant(createdAt));
  }
}
