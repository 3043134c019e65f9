package org.bangfu.needs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.bangfu.allocations.NeedStatus;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.events.Event;
import org.bangfu.events.Events;
import org.bangfu.http.Body;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.privacy.PublicText;
import org.bangfu.support.Amounts;
import org.bangfu.support.DomainException;
import org.bangfu.support.Paging;

/**
 * {@code /needs}: browsing (public), posting and editing (the village's secretary), review (submit
 * → publish or reject), withdrawal: parse, authorise, answer; the rules are {@link NeedService}'s.
 */
public final class NeedRoutes implements RouteModule {
  static final Set<String> FIELDS =
      Set.of(
          "villageId",
          "householdId",
          "category",
          "unit",
          "quantity",
          "priority",
          "deadline",
          "title",
          "description");

  private final NeedService service;

  private final BrowsePages pages;

  public NeedRoutes(NeedService service, BrowsePages pages) {
    this.service = service;
    this.pages = pages;
  }

  @Override
  public void mount(Router api) {
    api.get("/needs").handler(RouteModule.handle(this::list));
    api.post("/needs").handler(RouteModule.handle(this::create));
    api.get("/needs/:id").handler(RouteModule.handle(this::get));
    api.patch("/needs/:id").handler(RouteModule.handle(this::update));
    for (NeedService.Review step : NeedService.Review.values()) {
      api.post("/needs/:id/" + step.action()).handler(RouteModule.handle(ctx -> review(ctx, step)));
    }
    api.post("/needs/:id/withdraw").handler(RouteModule.handle(this::withdraw));
  }

  /**
   * A need as JSON for {@code user}; for a donor with why it suits them (paired village,
   * hometown…).
   */
  static JsonObject json(NeedService.Shown shown, CurrentUser user) {
    Need n = shown.need();
    return insider(n, user) ? n.toJson(true, shown.reasons()) : publicJson(n, shown.reasons());
  }

  private static boolean insider(Need n, CurrentUser user) {
    return user != null && (user.is(Role.ADMIN) || Access.canSeeVillage(user, n.villageId()));
  }

  /**
   * Outside the village and its reviewers a need is a public output: the one privacy filter over
   * it.
   */
  static JsonObject publicJson(Need n, List<String> reasons) {
    return PublicText.scrubOwn(n.toJson(false, reasons));
  }

  /**
   * A need of a kept page as JSON for {@code user}: its public JSON with a donor's reasons added
   * (filtered too), as {@link #json(NeedService.Shown, CurrentUser)} gives it.
   */
  static JsonObject json(BrowsePages.Listed listed, Affinities affinity, CurrentUser user) {
    Need n = listed.need();
    List<String> reasons = affinity.reasons(n);
    if (insider(n, user)) {
      return json(new NeedService.Shown(n, reasons), user);
    }
    if (reasons == null) {
      return listed.shown();
    }
    // a copy: the kept JSON is shared by every request (its values are plain, a shallow copy does)
    return new JsonObject(new LinkedHashMap<>(listed.shown().getMap()))
        .put("reasons", PublicText.scrub(new JsonArray(new ArrayList<>(reasons))));
  }

  private Future<?> list(RoutingContext ctx) {
    CurrentUser user = CurrentUser.optional(ctx).orElse(null);
    Params q = Params.of(ctx);
    NeedRepository.Filter filter =
        new NeedRepository.Filter(
            q.optionalString("county", 40).orElse(null),
            q.optionalString("township", 40).orElse(null),
            q.optionalString("village", 40).orElse(null),
            q.list("category", Category.ALL),
            q.optionalString("unit", 60).orElse(null),
            q.optionalInt("priority", 1, 5).orElse(null),
            q.optionalLong("campaign", 1, Long.MAX_VALUE).orElse(null),
            q.list("status", NeedStatus.wires()),
            q.optionalString("q", 100).orElse(null));
    Paging paging = q.paging();
    BrowsePages.View view = BrowsePages.view(user, filter, paging);
    if (view == null) {
      return service
          .list(user, filter, paging)
          .compose(page -> Responses.ok(ctx, Responses.page(page, s -> json(s, user))));
    }
    var page = pages.page(view, () -> service.page(user, filter, paging));
    var affinity = service.affinity(user);
    return Future.all(page, affinity)
        .compose(
            v -> {
              // X-Cache says whether the node's kept page was served (for operators and tests)
              ctx.response().putHeader("X-Cache", page.result().kept() ? "hit" : "miss");
              Affinities a = affinity.result();
              return Responses.ok(
                  ctx, Responses.page(page.result().value(), n -> json(n, a, user)));
            });
  }

  private Future<?> get(RoutingContext ctx) {
    CurrentUser user = CurrentUser.optional(ctx).orElse(null);
    long id = Params.of(ctx).pathId("id");
    // strings, numbers, booleans, nulls and the reasons' list: plain values
    return service.one(user, id).compose(n -> Responses.plain(ctx, json(n, user)));
  }

  private Future<?> create(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.VILLAGE_SECRETARY, Role.ADMIN);
    Body b = Body.of(ctx).only(FIELDS);
    String village = b.requiredString("villageId", 1, 40);
    if (!Access.canActForVillage(user, village) || user.is(Role.REVIEWER)) {
      throw DomainException.forbidden("village " + village + " is not yours");
    }
    NeedRepository.NewNeed need =
        new NeedRepository.NewNeed(
            village,
            b.optionalLong("householdId", 1, Long.MAX_VALUE).orElse(null),
            b.requiredEnum("category", Category.ALL),
            Unit.of("unit", b.requiredString("unit", 1, Unit.MAX_LENGTH)),
            b.requiredLong("quantity", 1, Amounts.MAX),
            b.requiredInt("priority", 1, 5),
            b.optionalDate("deadline").orElse(null),
            b.requiredString("title", 1, 200),
            b.optionalString("description", 0, 5000).orElse(""));
    return service.create(user, need).compose(n -> Responses.created(ctx, json(n, user)));
  }

  private Future<?> update(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.VILLAGE_SECRETARY, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(FIELDS);
    if (b.has("villageId")) {
      throw DomainException.invalid(
          "villageId", "not_changeable", "cannot be changed; withdraw the need and post a new one");
    }
    NeedRepository.Changes changes =
        new NeedRepository.Changes(
            b.optionalEnum("category", Category.ALL).orElse(null),
            b.optionalString("unit", 1, Unit.MAX_LENGTH).map(u -> Unit.of("unit", u)).orElse(null),
            b.optionalLong("quantity", 1, Amounts.MAX).orElse(null),
            b.optionalInt("priority", 1, 5).orElse(null),
            b.optionalDate("deadline").orElse(null),
            b.optionalString("title", 1, 200).orElse(null),
            b.optionalString("description", 0, 5000).orElse(null),
            b.optionalLong("householdId", 1, Long.MAX_VALUE).orElse(null));
    return service.update(user, id, changes).compose(n -> Responses.ok(ctx, json(n, user)));
  }

  /** submit (secretary), publish and reject (reviewer of the region). */
  private Future<?> review(RoutingContext ctx, NeedService.Review step) {
    CurrentUser user =
        step == NeedService.Review.SUBMIT
            ? Access.require(ctx, Role.VILLAGE_SECRETARY, Role.ADMIN)
            : Access.require(ctx, Role.REVIEWER, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(step == NeedService.Review.REJECT ? Set.of("reason") : Set.of());
    String reason = step == NeedService.Review.REJECT ? b.requiredString("reason", 1, 1000) : null;
    return service.review(user, id, step, reason).compose(n -> changedThen(ctx, n, user));
  }

  private Future<?> withdraw(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.VILLAGE_SECRETARY, Role.REVIEWER, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    Body.of(ctx).only(Set.of("reason"));
    return service.withdraw(user, id).compose(n -> changedThen(ctx, n, user));
  }

  /**
   * Open screens hear of a need's review: a published need is news for everyone (donors' browsing,
   * the board), any other step only for its village's people and reviewers.
   */
  private static Future<Void> changedThen(
      RoutingContext ctx, NeedService.Shown shown, CurrentUser user) {
    Need n = shown.need();
    String status = n.status().wire();
    Events.publish(
        ctx.vertx(),
        new Event(
            "need." + status,
            String.valueOf(n.id()),
            status,
            n.villageId(),
            null,
            n.status() == NeedStatus.PUBLISHED ? Event.Audience.PUBLIC : Event.Audience.INVOLVED));
    return Responses.ok(ctx, json(shown, user));
  }
}
