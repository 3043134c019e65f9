package org.bangfu.donors;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A donor (捐赠方): an enterprise, a chamber of commerce (商会), an overseas Chinese (侨胞) or an
 * individual, with the county it is registered in and its hometown (祖籍地), which the matching engine
 * uses for affinity.
 */
public record Donor(
    long id,
    String name,
    Type type,
    String homeCounty,
    String homeCountyName,
    Hometown hometown,
    String country,
    boolean verified) {

  /** The kinds of donor, by their API names. */
  public enum Type {
    ENTERPRISE,
    CHAMBER,
    OVERSEAS,
    INDIVIDUAL;

    public static final List<String> WIRE = Arrays.stream(values()).map(Type::wire).toList();

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Type> fromWire(String wire) {
      return Arrays.stream(values()).filter(t -> t.wire().equals(wire)).findFirst();
    }
  }

  /** The hometown: a county, optionally a township of it and a village of that. */
  public record Hometown(String county, String township, String village) {

    public JsonObject toJson() {
      return new JsonObject()
          .put("county", county)
          .put("township", township)
          .put("village", village);
    }
  }

  /** A campaign the donor is enrolled in. */
  public record Enrolment(long campaignId, String code, String name) {}

  /** A village the donor is paired with (挂钩帮扶) in a campaign. */
  public record PairedVillage(long campaignId, String villageId, String villageName) {}

  /** A donor with its enrolments and paired villages, as {@code GET /donors/{id}} shows it. */
  public record Detail(Donor donor, List<Enrolment> campaigns, List<PairedVillage> pairedVillages) {

    public JsonObject toJson() {
      JsonArray cs = new JsonArray();
      campaigns.forEach(
          c ->
              cs.add(
                  new JsonObject()
                      .put("id", c.campaignId())
                      .put("code", c.code())
                      .put("name", c.name())));
      JsonArray ps = new JsonArray();
      pairedVillages.forEach(
          p ->
              ps.add(
                  new JsonObject()
                      .put("campaignId", p.campaignId())
                      .put("villageId", p.villageId())
                      .put("villageName", p.villageName())));
      return donor.toJson().put("campaigns", cs).put("pairedVillages", ps);
    }
  }

  /** The shape of the donors endpoints. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("type", type.wire())
        .put("homeCounty", homeCounty)
        .put("homeCountyName", homeCountyName)
        .put("hometown", hometown == null ? null : hometown.toJson())
        .put("country", country)
        .put("verified", verified);
  }
}
