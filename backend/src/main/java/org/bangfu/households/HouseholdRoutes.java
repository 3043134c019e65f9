package org.bangfu.households;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
import org.bangfu.http.Files;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.DomainException;
import org.bangfu.support.FileContent;
import org.bangfu.support.Paging;
import org.bangfu.support.Times;

/**
 * {@code /households}: a village's registered households (建档立卡贫困户), seen only by the village's
 * secretary, its reviewers and admins. ID number, phone and address are encrypted at rest and only
 * ever leave masked; they are never logged and never put in the audit trail. A household is
 * registered through the registry ({@code POST /households}: an applicant and the application of
 * its status); status changes are status applications ({@code /status-applications}); {@code
 * /households/{id}/timeline} reads its history; its gaps are records closed with evidence.
 */
public final class HouseholdRoutes implements RouteModule {
  /** 两不愁三保障 and safe drinking water: what a gap (or an unmet item) may name. */
  public static final List<String> GAPS = HouseholdGap.GAPS;

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

  private final Vertx vertx;
  private final HouseholdService service;

  public HouseholdRoutes(Vertx vertx, HouseholdService service) {
    this.vertx = vertx;
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/households").handler(RouteModule.handle(this::list));
    api.get("/households/:id").handler(RouteModule.handle(this::get));
    api.patch("/households/:id").handler(RouteModule.handle(this::update));
    api.get("/households/:id/timeline").handler(RouteModule.handle(this::timeline));
    api.get("/households/:id/gaps").handler(RouteModule.handle(this::gaps));
    api.post("/households/:id/gaps").handler(RouteModule.handle(this::openGap));
    api.post("/household-gaps/:id/close").handler(RouteModule.handle(this::closeGap));
    api.get("/household-gaps/:id/evidence").handler(RouteModule.handle(this::evidence));
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
                              .put("actorName", e.actorName())
                              .put("note", e.note())
                              .put("at", Times.instant(e.at()))));
              return Responses.ok(ctx, new JsonObject().put("householdId", id).put("items", items));
            });
  }

  /** The identity number as given (upper case X), checked; null when optional and absent. */
  public static String idNumber(Body b, boolean required) {
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

  public static String phone(Body b) {
    String phone = b.optionalString("phone", 11, 11).orElse(null);
    if (phone != null && !phone.matches("1[3-9]\\d{9}")) {
      throw DomainException.validation("phone", "must be an 11-digit mobile number");
    }
    return phone;
  }

  public static List<String> gaps(Body b) {
    return b.has("gaps")
        ? b.stringList("gaps", GAPS.size(), 20, GAPS).stream().distinct().toList()
        : null;
  }

  private Future<?> gaps(RoutingContext ctx) {
    CurrentUser user = reader(ctx);
    long id = Params.of(ctx).pathId("id");
    return service
        .gaps(user, id)
        .compose(
            list ->
                Responses.ok(
                    ctx,
                    new JsonObject()
                        .put("householdId", id)
                        .put(
                            "items",
                            new JsonArray(list.stream().map(HouseholdGap::toJson).toList()))));
  }

  private Future<?> openGap(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.VILLAGE_SECRETARY, Role.REVIEWER, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("gap", "found"));
    String gap = b.requiredEnum("gap", GAPS);
    String found = b.requiredString("found", 1, 1000);
    return service.openGap(user, id, gap, found).compose(g -> Responses.created(ctx, g.toJson()));
  }

  /** What closes a gap: the note of what was done and at most one file of evidence. */
  private record Closing(String note, FileContent file) {
    static Closing of(Body body) {
      Body b = body.only(List.of("note", "evidence"));
      String note = b.requiredString("note", 1, 2000);
      List<FileContent> files = Files.read(b, "evidence", 1, Files.MAX_BYTES, null);
      return new Closing(note, files.isEmpty() ? null : files.get(0));
    }
  }

  private Future<?> closeGap(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.VILLAGE_SECRETARY, Role.REVIEWER, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    // a photo is megabytes of base64: parsed and decoded on a worker, not the event loop
    return vertx
        .executeBlocking(() -> Closing.of(Body.of(ctx)), false)
        .compose(c -> service.closeGap(user, id, c.note(), c.file()))
        .compose(g -> Responses.ok(ctx, g.toJson()));
  }

  private Future<?> evidence(RoutingContext ctx) {
    CurrentUser user = reader(ctx);
    long id = Params.of(ctx).pathId("id");
    return service.gapEvidence(user, id).compose(f -> Responses.file(ctx, f, false));
  }

  private Future<?> update(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.VILLAGE_SECRETARY, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(FIELDS);
    if (b.has("villageId")) {
      throw DomainException.validation("villageId", "cannot be changed");
    }
    if (b.has("gaps")) {
      throw DomainException.invalid(
          "gaps",
          "gaps_by_record",
          "are opened and closed with evidence (/households/{id}/gaps, /household-gaps/{id}/close)");
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
            null,
            b.optionalString("linkedCadre", 1, 50).orElse(null));
    if (change.empty()) {
      throw DomainException.validation("body", "names no field to change");
    }
    return service
        .update(user, id, change, new ArrayList<>(b.json().fieldNames()))
        .compose(h -> Responses.ok(ctx, h.toJson()));
  }
}
