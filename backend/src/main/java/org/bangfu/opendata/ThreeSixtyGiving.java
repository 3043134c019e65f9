package org.bangfu.opendata;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.bangfu.support.Times;

/**
 * Writes a flow as a grant of the 360Giving Data Standard (JSON, 1.4; the schema as kept in {@code
 * opendata/360giving-package-schema.json}), with Bangfu's chain as the extension {@code bangfu}.
 * Identifiers follow 360Giving's rule for publishers without a registered prefix: {@code
 * 360G-bangfu-…} for grants, and for organisations with no registered number. Never a household:
 * the recipient is the village (村民委员会) or the county, and {@code bangfu.households} counts the
 * households it is for.
 */
public final class ThreeSixtyGiving {
  public static final String GRANT_PREFIX = "360G-bangfu-";
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  static final Map<String, String> CATEGORY =
      Map.ofEntries(
          Map.entry("industry", "产业扶贫"),
          Map.entry("employment", "就业扶贫"),
          Map.entry("relocation", "易地扶贫搬迁"),
          Map.entry("housing", "住房保障"),
          Map.entry("education", "教育扶贫"),
          Map.entry("health", "健康扶贫"),
          Map.entry("ecology", "生态扶贫"),
          Map.entry("training", "技能培训"),
          Map.entry("microcredit", "小额信贷"),
          Map.entry("ecommerce", "电商扶贫"),
          Map.entry("tourism", "旅游扶贫"),
          Map.entry("collective", "村集体经济"),
          Map.entry("infrastructure", "基础设施"),
          Map.entry("public_service", "公共服务"));

  private ThreeSixtyGiving() {}

  /** The grant id of a donor's allocation. */
  public static String donorGrantId(long allocationId) {
    return GRANT_PREFIX + "allocation-" + allocationId;
  }

  public static String fiscalGrantId(long projectId, long programmeId) {
    return GRANT_PREFIX + "project-" + projectId + "-programme-" + programmeId;
  }

  public static JsonObject donor(DonorRow r, List<ChainStep> steps) {
    boolean delivered = r.deliveredAt() != null;
    JsonObject g =
        base(
                donorGrantId(r.allocationId()),
                r.needTitle(),
                r.category(),
                r.quantity(),
                delivered ? r.quantity() : 0)
            .put("description", description(r.category(), r.villageName(), r.forHousehold()))
            .put("awardDate", day(r.confirmedAt() != null ? r.confirmedAt() : r.createdAt()))
            .put("dateModified", Times.instant(r.updatedAt()))
            .put(
                "recipientOrganization",
                new JsonArray().add(village(r.villageId(), r.villageName())))
            .put(
                "fundingOrganization",
                new JsonArray().add(org(GRANT_PREFIX + "donor-" + r.donorId(), r.donorName())))
            .put(
                "beneficiaryLocation",
                new JsonArray().add(location(r.villageId(), r.villageName())))
            .put("relatedActivity", new JsonArray().add(Chains.PREFIX + "pledge-" + r.pledgeId()));
    programme(g, r.campaignCode(), r.campaignName());
    dates(g, r.confirmedAt(), r.verifiedAt());
    return g.put(
        "bangfu",
        extension(
            "donor",
            r.status(),
            r.countyId(),
            r.countyName(),
            r.forHousehold(),
            r.unbroken(),
            r.noticeId(),
            steps));
  }

  public static JsonObject fiscal(FiscalRow r, List<ChainStep> steps) {
    OffsetDateTime award = r.approvedAt() != null ? r.approvedAt() : r.projectAt();
    JsonObject g =
        base(
                fiscalGrantId(r.projectId(), r.programmeId()),
                r.projectName(),
                r.category(),
                r.amount(),
                r.disbursed())
            .put(
                "description",
                description(r.category(), r.regionName(), r.forHousehold())
                    + " · "
                    + r.programmeName())
            .put("awardDate", day(award))
            .put("dateModified", Times.instant(latest(award, r.acceptedAt(), steps)))
            .put(
                "recipientOrganization", new JsonArray().add(village(r.regionId(), r.regionName())))
            .put("fundingOrganization", new JsonArray().add(funder(r)))
            .put("beneficiaryLocation", new JsonArray().add(location(r.regionId(), r.regionName())))
            .put(
                "relatedActivity",
                new JsonArray().add(Chains.PREFIX + "programme-" + r.programmeId()));
    programme(g, "programme-" + r.programmeId(), r.programmeName());
    dates(g, award, r.acceptedAt());
    return g.put(
        "bangfu",
        extension(
            "fiscal",
            r.status(),
            r.countyId(),
            r.countyName(),
            r.forHousehold(),
            r.unbroken(),
            r.noticeId(),
            steps));
  }

  private static JsonObject base(
      String id, String title, String category, long amount, long disbursed) {
    return new JsonObject()
        .put("id", id)
        .put("title", title)
        .put("currency", "CNY")
        .put("amountAwarded", amount)
        .put("amountDisbursed", disbursed)
        .put(
            "classifications",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("vocabulary", "bangfu-need-category")
                        .put("code", category)
                        .put("title", CATEGORY.getOrDefault(category, category))));
  }

  private static String description(String category, String place, boolean household) {
    return CATEGORY.getOrDefault(category, category)
        + " · "
        + place
        + (household ? " · 建档立卡贫困户 1 户" : " · 村集体及村民");
  }

  /** Who pays a fiscal programme: a finance bureau, a paired county, a campaign. */
  static JsonObject funder(FiscalRow r) {
    return switch (r.programmeSource()) {
      case "city" -> org(GRANT_PREFIX + "finance-city", "泉州市财政");
      case "province" -> org(GRANT_PREFIX + "finance-province", "福建省财政");
      case "county" ->
          org(
              GRANT_PREFIX + "finance-" + r.sourceRegionId(),
              nameOr(r.sourceRegionName(), "县级") + "财政");
      case "paired_county" ->
          org(
              GRANT_PREFIX + "finance-" + r.sourceRegionId(),
              nameOr(r.sourceRegionName(), "对口县") + "（山海协作）");
      default ->
          org(GRANT_PREFIX + "campaign-" + r.campaignCode(), nameOr(r.campaignName(), "社会帮扶活动"));
    };
  }

  private static String nameOr(String name, String otherwise) {
    return name == null ? otherwise : name;
  }

  private static JsonObject org(String id, String name) {
    return new JsonObject().put("id", id).put("name", name);
  }

  private static JsonObject village(String regionId, String name) {
    return org(GRANT_PREFIX + "region-" + regionId, name).put("addressCountry", "CN");
  }

  private static JsonObject location(String regionId, String name) {
    return new JsonObject().put("name", name).put("geoCode", regionId).put("countryCode", "CN");
  }

  private static void programme(JsonObject g, String code, String title) {
    if (title != null) {
      g.put(
          "grantProgramme",
          new JsonArray().add(new JsonObject().put("code", code).put("title", title)));
    }
  }

  private static void dates(JsonObject g, OffsetDateTime start, OffsetDateTime end) {
    if (start == null) {
      return;
    }
    JsonObject d = new JsonObject().put("startDate", day(start));
    if (end != null) {
      d.put("endDate", day(end));
    }
    g.put("actualDates", new JsonArray().add(d));
  }

  private static OffsetDateTime latest(OffsetDateTime a, OffsetDateTime b, List<ChainStep> steps) {
    OffsetDateTime m = a;
    for (ChainStep s : steps) {
      if (m == null || s.at().isAfter(m)) {
        m = s.at();
      }
    }
    return b != null && (m == null || b.isAfter(m)) ? b : m;
  }

  static String day(OffsetDateTime t) {
    return t == null ? null : t.atZoneSameInstant(CHINA).toLocalDate().toString();
  }

  private static JsonObject extension(
      String flow,
      String status,
      String countyId,
      String countyName,
      boolean household,
      boolean unbroken,
      Long noticeId,
      List<ChainStep> steps) {
    JsonArray chain = new JsonArray();
    steps.forEach(s -> chain.add(s.toJson()));
    return new JsonObject()
        .put("flow", flow)
        .put("status", status)
        .put("countyId", countyId)
        .put("countyName", countyName)
        .put("households", household ? 1 : 0)
        .put("unbroken", unbroken)
        .put("noticeId", noticeId)
        .put("steps", chain);
  }
}
