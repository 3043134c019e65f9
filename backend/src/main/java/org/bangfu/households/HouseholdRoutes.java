package org.bangfu.households;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.http.Body;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.DomainException;
import org.bangfu.support.Paging;
import org.bangfu.support.Times;

/**
 * {@code /households}: a village's registered households (建档立卡贫困户), seen only by the village's
 * secretary, its reviewers and admins. ID number, phone and address are encrypted at rest and only
 * ever leave masked; they are never logged and never put in the audit trail. A household is
 * registered with its status; later status changes are status applications ({@code
 * /status-applications}), and {@code /households/{id}/timeline} reads its history.
 */
public final class HouseholdRoutes implements RouteModule {
  public static final List<String> GAPS =
      List.of("food", "clothing", "education", "medical", "housing");

  /** The statuses a household may be registered with (removal is an application). */
  static final List<String> REGISTER_STATUSES =
      HouseholdStatus.WIRE.stream().filter(s -> !s.equals("removed")).toList();

  static final Set<String> FIELDS =
      Set.of(
          "villageId",
          "headName",
          "idNumber",
          "phone",
          "address",
          "status",
          "members",
          "labourCapacity",
          "gaps",
          "linkedCadre",
          "identifiedYear");

  private final HouseholdService service;

  public HouseholdRoutes(HouseholdService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/households").handler(RouteModule.handle(this::list));
    api.post("/households").handler(RouteModule.handle(this::create));
    api.get("/households/:id").handler(RouteModule.handle(this::get));
    api.patch("/households/:id").handler(RouteModule.handle(this::update));
    api.get("/households/:id/timeline").handler(RouteModule.handle(this::timeline));
  }

  private static CurrentUser reader(RoutingContext ctx) {
    return Access.require(ctx, Role.VILLAGE_SECRETARY, Role.REVIEWER, Role.ADMIN);
  }

  private Future<?> list(RoutingContext ctx) {
    CurrentUser user = reader(ctx);
    Params q = Params.of(ctx);
    Paging paging = q.paging();
    String village = q.optionalString("villageId", 40).orElse(user.villageId());
    if (village != null && !Access.canSeeVillage(user, village)) {
      throw DomainException.forbidden("village " + village + " is not yours");
    }
    String region = village == null && user.is(Role.REVIEWER) ? user.regionId() : null;
    HouseholdStatus status =
        q.optionalEnum("status", HouseholdStatus.WIRE).map(HouseholdStatus::of).orElse(null);
    String search = q.optionalString("q", 50).filter(s -> !s.isBlank()).orElse(null);
    return service
        .list(village, region, status, search, paging)
        .compose(p -> Responses.ok(ctx, Responses.page(p, Household::toJson)));
  }

  private Future<?> get(RoutingContext ctx) {
    CurrentUser user = reader(ctx);
    long id = Params.of(ctx).pathId("id");
    return service.get(user, id).compose(h -> Responses.ok(ctx, h.toJson()));
  }

  private Future<?> timeline(RoutingContext ctx) {
    CurrentUser user = reader(ctx);
    long id = Params.of(ctx).pathId("id");
    return service
        .history(user, id)
        .compose(
            entries -> {
              JsonArray items = new JsonArray();
              entries.forEach(
                  e ->
                      items.add(
                          new JsonObject()
                              .put("id", e.id())
                              .put("applicationId", e.applicationId())
                              .put("step", e.step())
                              .put("fromStatus", e.fromStatus())
                              .put("toStatus", e.toStatus())
                              .put("year", e.year())
                              .put("note", e.note())
                              .put("at", Times.instant(e.at()))));
              return Responses.ok(ctx, new JsonObject().put("householdId", id).put("items", items));
            });
  }

  private static String idNumber(Body b, boolean required) {
    String id =
        required
            ? b.requiredString("idNumber", 18, 18)
            : b.optionalString("idNumber", 18, 18).orElse(null);
    if (id != null) {
      id = id.toUpperCase();
      if (!IdNumbers.valid(id)) {
        throw DomainException.validation(
            "idNumber", "must be an 18-character resident ID number with a valid check digit");
      }
    }
    return id;
  }

  private static String phone(Body b) {
    String phone = b.optionalString("phone", 11, 11).orElse(null);
    if (phone != null && !phone.matches("1[3-9]\\d{9}")) {
      throw DomainException.validation("phone", "must be an 11-digit mobile number");
    }
    return phone;
  }

  private static List<String> gaps(Body b) {
    return b.has("gaps") ? b.stringList("gaps", 5, 20, GAPS).stream().distinct().toList() : null;
  }

  private Future<?> create(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.VILLAGE_SECRETARY, Role.ADMIN);
    Body b = Body.of(ctx).only(FIELDS);
    String village = b.optionalString("villageId", 1, 40).orElse(user.villageId());
    if (village == null) {
      throw DomainException.invalid("villageId", "required", "is required");
    }
    Access.requireVillage(user, village);
    String idNumber = idNumber(b, true);
    String phone = phone(b);
    int members = b.requiredInt("members", 1, 30);
    int labour = b.requiredInt("labourCapacity", 0, 30);
    if (labour > members) {
      throw DomainException.validation("labourCapacity", "must not exceed members");
    }
    String headName = b.requiredString("headName", 1, 50);
    HouseholdStatus status = HouseholdStatus.of(b.requiredEnum("status", REGISTER_STATUSES));
    List<String> gaps = gaps(b);
    var h =
        new HouseholdRepository.NewHousehold(
            village,
            headName,
            idNumber,
            phone,
            b.optionalString("address", 1, 200).orElse(null),
            status,
            members,
            labour,
            gaps == null ? List.of() : gaps,
            b.optionalString("linkedCadre", 1, 50).orElse(null),
            b.optionalInt("identifiedYear", 2000, 2100).orElse(null));
    return service.create(user, h).compose(x -> Responses.created(ctx, x.toJson()));
  }

  private Future<?> update(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.VILLAGE_SECRETARY, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(FIELDS);
    if (b.has("villageId")) {
      throw DomainException.validation("villageId", "cannot be changed");
    }
    if (b.has("status") || b.has("identifiedYear")) {
      throw DomainException.invalid(
          b.has("status") ? "status" : "identifiedYear",
          "status_by_application",
          "changes only through a status application (/status-applications)");
    }
    Integer members = b.optionalInt("members", 1, 30).orElse(null);
    Integer labour = b.optionalInt("labourCapacity", 0, 30).orElse(null);
    if (members != null && labour != null && labour > members) {
      throw DomainException.validation("labourCapacity", "must not exceed members");
    }
    var change =
        new HouseholdRepository.Change(
            b.optionalString("headName", 1, 50).orElse(null),
            idNumber(b, false),
            phone(b),
            b.optionalString("address", 1, 200).orElse(null),
            members,
            labour,
            gaps(b),
            b.optionalString("linkedCadre", 1, 50).orElse(null));
    if (change.empty()) {
      throw DomainException.validation("body", "names no field to change");
    }
    return service
        .update(user, id, change, new ArrayList<>(b.json().fieldNames()))
        .compose(h -> Responses.ok(ctx, h.toJson()));
  }
}
