package org.bangfu.campaigns;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
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
import org.bangfu.support.Times;

/**
 * {@code /campaigns}: 百企帮百村, 百会扶百村, 百侨助百村 and the mountain-sea pairing. The united front (统战部, with
 * 工商联 and 侨联) opens and closes campaigns and approves pairings; donors enrol and ask to pair with
 * villages (结对).
 */
public final class CampaignRoutes implements RouteModule {
  static final List<String> DONOR_TYPES =
      List.of("enterprise", "chamber", "overseas", "individual");
  static final List<String> PAIRING_KINDS = List.of("mountain_sea", "township");
  static final List<String> PAIRING_STATUSES = List.of("pending", "approved", "declined");

  private final CampaignService service;

  public CampaignRoutes(CampaignService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/campaigns").handler(RouteModule.handle(this::list));
    api.post("/campaigns").handler(RouteModule.handle(this::open));
    api.get("/campaigns/:id").handler(RouteModule.handle(this::get));
    api.put("/campaigns/:id/targets").handler(RouteModule.handle(this::setTargets));
    api.post("/campaigns/:id/close").handler(RouteModule.handle(ctx -> setClosed(ctx, true)));
    api.post("/campaigns/:id/reopen").handler(RouteModule.handle(ctx -> setClosed(ctx, false)));
    api.post("/campaigns/:id/enrolments").handler(RouteModule.handle(this::enrol));
    api.get("/campaigns/:id/pairings").handler(RouteModule.handle(this::pairings));
    api.post("/campaigns/:id/pairings").handler(RouteModule.handle(this::pair));
    api.post("/campaign-pairings/:id/approve")
        .handler(RouteModule.handle(ctx -> decide(ctx, true)));
    api.post("/campaign-pairings/:id/decline")
        .handler(RouteModule.handle(ctx -> decide(ctx, false)));
  }

  JsonObject toJson(Campaign c, LocalDate today) {
    return new JsonObject()
        .put("id", c.id())
        .put("code", c.code())
        .put("name", c.name())
        .put("description", c.description())
        .put("startsOn", c.startsOn().toString())
        .put("endsOn", c.endsOn() == null ? null : c.endsOn().toString())
        .put("donorTypes", new JsonArray(c.donorTypes()))
        .put("regionPairingKind", c.regionPairingKind())
        .put("closedAt", Times.instant(c.closedAt()))
        .put("targets", c.targets().toJson())
        .put("state", c.stateOn(today).wire())
        .put("donorsEnrolled", c.donorsEnrolled())
        .put("villagesPaired", c.villagesPaired())
        .put("pairingsPending", c.pairingsPending());
  }

  static JsonObject toJson(Pairing p) {
    return new JsonObject()
        .put("id", p.id())
        .put("campaignId", p.campaignId())
        .put("donorId", p.donorId())
        .put("donorName", p.donorName())
        .put("villageId", p.villageId())
        .put("villageName", p.villageName())
        .put("countyName", p.countyName())
        .put("status", p.status().wire())
        .put("requestedAt", Times.instant(p.requestedAt()))
        .put("decidedAt", Times.instant(p.decidedAt()));
  }

  /** Every campaign; a signed-in donor also learns which it is enrolled in ({@code enrolled}). */
  private Future<?> list(RoutingContext ctx) {
    Long donorId =
        CurrentUser.optional(ctx)
            .filter(u -> u.is(Role.DONOR))
            .map(CurrentUser::donorId)
            .orElse(null);
    LocalDate today = service.today();
    Future<List<Long>> mine =
        donorId == null ? Future.succeededFuture(List.of()) : service.enrolmentsOf(donorId);
    return service
        .list()
        .compose(all -> mine.map(enrolled -> listJson(all, donorId, enrolled, today)))
        .compose(p -> Responses.ok(ctx, p));
  }

  /** Every campaign as a page of one, with {@code enrolled} for a donor. */
  private JsonObject listJson(
      List<Campaign> all, Long donorId, List<Long> enrolled, LocalDate today) {
    JsonArray items = new JsonArray();
    for (Campaign c : all) {
      JsonObject j = toJson(c, today);
      if (donorId != null) {
        j.put("enrolled", enrolled.contains(c.id()));
      }
      items.add(j);
    }
    return new JsonObject()
        .put("items", items)
        .put("total", items.size())
        .put("page", 1)
        .put("size", Math.max(items.size(), 1));
  }

  private Future<?> get(RoutingContext ctx) {
    long id = Params.of(ctx).pathId("id");
    return service.get(id).compose(c -> Responses.ok(ctx, toJson(c, service.today())));
  }

  private Future<?> open(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.UNITED_FRONT, Role.ADMIN);
    Body b =
        Body.of(ctx)
            .only(
                Set.of(
                    "code",
                    "name",
                    "description",
                    "startsOn",
                    "endsOn",
                    "donorTypes",
                    "regionPairingKind",
                    "targets"));
    String code = b.requiredString("code", 2, 20);
    if (!code.matches("^[a-z][a-z0-9_-]{1,19}$")) {
      throw DomainException.invalid(
          "code", "bad_code", "must be lower-case letters, digits, - or _");
    }
    NewCampaign c =
        new NewCampaign(
            code,
            b.requiredString("name", 1, 100),
            b.optionalString("description", 0, 5000).orElse(""),
            b.requiredDate("startsOn"),
            b.optionalDate("endsOn").orElse(null),
            b.stringList("donorTypes", 4, 20, DONOR_TYPES).stream().distinct().toList(),
            b.optionalEnum("regionPairingKind", PAIRING_KINDS).orElse(null),
            b.optionalObject("targets").map(Targets::read).orElse(Targets.NONE));
    return service.open(user, c).compose(x -> Responses.created(ctx, toJson(x, service.today())));
  }

  private Future<?> setTargets(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.UNITED_FRONT, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    Targets targets = Targets.read(Body.of(ctx));
    return service
        .setTargets(user, id, targets)
        .compose(c -> Responses.ok(ctx, toJson(c, service.today())));
  }

  private Future<?> setClosed(RoutingContext ctx, boolean closed) {
    CurrentUser user = Access.require(ctx, Role.UNITED_FRONT, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    return service
        .setClosed(user, id, closed)
        .compose(c -> Responses.ok(ctx, toJson(c, service.today())));
  }

  /** The donor acted for: a donor itself, or the one the united front names. */
  private static long donorFor(CurrentUser user, Body b) {
    long donorId =
        b.optionalLong("donorId", 1, Long.MAX_VALUE)
            .orElseGet(
                () -> {
                  if (user.donorId() == null) {
                    throw DomainException.invalid("donorId", "required", "is required");
                  }
                  return user.donorId();
                });
    if (user.is(Role.DONOR)) {
      Access.requireDonor(user, donorId);
    }
    return donorId;
  }

  private Future<?> enrol(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.DONOR, Role.UNITED_FRONT, Role.ADMIN);
    long campaignId = Params.of(ctx).pathId("id");
    long donorId = donorFor(user, Body.of(ctx).only(Set.of("donorId")));
    return service
        .enrol(user, campaignId, donorId)
        .compose(
            v ->
                Responses.created(
                    ctx, new JsonObject().put("campaignId", campaignId).put("donorId", donorId)));
  }

  private Future<?> pair(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.DONOR, Role.UNITED_FRONT, Role.ADMIN);
    long campaignId = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(Set.of("donorId", "villageId"));
    long donorId = donorFor(user, b);
    String village = b.requiredString("villageId", 1, 40);
    return service
        .requestPairing(user, campaignId, donorId, village)
        .compose(p -> Responses.created(ctx, toJson(p)));
  }

  /** The united front, auditors and admins see every pairing; a donor its own. */
  private Future<?> pairings(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.DONOR, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN);
    Params q = Params.of(ctx);
    long campaignId = q.pathId("id");
    Pairing.Status status =
        q.optionalEnum("status", PAIRING_STATUSES).map(Pairing.Status::fromWire).orElse(null);
    Long donorId =
        user.is(Role.DONOR)
            ? user.donorId()
            : q.optionalLong("donorId", 1, Long.MAX_VALUE).orElse(null);
    if (user.is(Role.DONOR) && donorId == null) {
      throw DomainException.forbidden("a donor account without a donor");
    }
    return service
        .pairings(campaignId, status, donorId, q.paging())
        .compose(p -> Responses.ok(ctx, Responses.page(p, CampaignRoutes::toJson)));
  }

  private Future<?> decide(RoutingContext ctx, boolean approve) {
    CurrentUser user = Access.require(ctx, Role.UNITED_FRONT, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    return service.decide(user, id, approve).compose(p -> Responses.ok(ctx, toJson(p)));
  }
}
