package org.bangfu.pledges;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.bangfu.allocations.PledgeStatus;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.events.Event;
import org.bangfu.events.Events;
import org.bangfu.http.Body;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.needs.Category;
import org.bangfu.needs.Unit;
import org.bangfu.support.Amounts;
import org.bangfu.support.DomainException;

/**
 * {@code /pledges}: a donor's offers (认捐) and what is left of each at any moment: parse, authorise,
 * answer; the rules are {@link PledgeService}'s.
 */
public final class PledgeRoutes implements RouteModule {
  static final Set<String> FIELDS =
      Set.of(
          "donorId",
          "campaignId",
          "unit",
          "quantity",
          "categories",
          "scope",
          "maxPerNeed",
          "expires",
          "mode",
          "note");

  private final PledgeService service;

  public PledgeRoutes(PledgeService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/pledges").handler(RouteModule.handle(this::list));
    api.post("/pledges").handler(RouteModule.handle(this::create));
    api.get("/pledges/:id").handler(RouteModule.handle(this::get));
    api.patch("/pledges/:id").handler(RouteModule.handle(this::update));
    api.post("/pledges/:id/withdraw").handler(RouteModule.handle(this::withdraw));
  }

  private static CurrentUser reader(RoutingContext ctx) {
    return Access.require(ctx, Role.DONOR, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN);
  }

  private Future<?> list(RoutingContext ctx) {
    CurrentUser user = reader(ctx);
    Params q = Params.of(ctx);
    PledgeRepository.Filter filter =
        new PledgeRepository.Filter(
            q.optionalLong("donorId", 1, Long.MAX_VALUE).orElse(null),
            q.optionalLong("campaignId", 1, Long.MAX_VALUE).orElse(null),
            q.optionalEnum("status", PledgeStatus.wires()).map(PledgeStatus::of).orElse(null),
            q.optionalEnum("mode", Pledge.MODES).orElse(null));
    return service
        .list(user, filter, q.paging())
        .compose(p -> Responses.ok(ctx, Responses.page(p, Pledge::toJson)));
  }

  private Future<?> get(RoutingContext ctx) {
    CurrentUser user = reader(ctx);
    long id = Params.of(ctx).pathId("id");
    return service.one(user, id).compose(p -> Responses.ok(ctx, p.toJson()));
  }

  private Future<?> create(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.DONOR, Role.ADMIN);
    Body b = Body.of(ctx).only(FIELDS);
    long donorId = donorId(b, user);
    Access.requireDonor(user, donorId);
    PledgeRepository.NewPledge pledge =
        new PledgeRepository.NewPledge(
            donorId,
            b.optionalLong("campaignId", 1, Long.MAX_VALUE).orElse(null),
            Unit.of("unit", b.requiredString("unit", 1, Unit.MAX_LENGTH)),
            b.requiredLong("quantity", 1, Amounts.MAX),
            b.stringList("categories", 14, 20, Category.ALL),
            b.stringList("scope", 200, 40, null),
            b.optionalLong("maxPerNeed", 1, Amounts.MAX).orElse(null),
            b.optionalDate("expires").orElse(null),
            b.optionalEnum("mode", Pledge.MODES).orElse("pooled"),
            b.optionalString("note", 0, 2000).orElse(""));
    return service
        .create(user, pledge)
        .compose(
            p -> {
              announce(ctx, p);
              return Responses.created(ctx, p.toJson());
            });
  }

  /**
   * A pledge to a campaign moves the campaign's public figures (and a 10.17 pledge wall): open
   * screens hear which campaign, never the donor or the amount.
   */
  private static void announce(RoutingContext ctx, Pledge p) {
    if (p.campaignId() != null) {
      Events.publish(
          ctx.vertx(),
          new Event(
              "campaign.pledged",
              String.valueOf(p.campaignId()),
              null,
              null,
              null,
              Event.Audience.PUBLIC));
    }
  }

  /** The donor a pledge is for: as given (an admin), else the donor's own. */
  private static long donorId(Body b, CurrentUser user) {
    return b.optionalLong("donorId", 1, Long.MAX_VALUE)
        .orElseGet(
            () -> {
              if (user.donorId() == null) {
                throw DomainException.invalid("donorId", "required", "is required");
              }
              return user.donorId();
            });
  }

  private Future<?> update(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.DONOR, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(Set.of("quantity", "maxPerNeed", "expires", "note", "mode"));
    PledgeRepository.Changes changes =
        new PledgeRepository.Changes(
            b.optionalLong("quantity", 1, Amounts.MAX).orElse(null),
            b.optionalLong("maxPerNeed", 1, Amounts.MAX).orElse(null),
            b.optionalDate("expires").orElse(null),
            b.optionalString("note", 0, 2000).orElse(null),
            b.optionalEnum("mode", Pledge.MODES).orElse(null));
    return service.update(user, id, changes).compose(p -> Responses.ok(ctx, p.toJson()));
  }

  private Future<?> withdraw(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.DONOR, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    Body.of(ctx).only(Set.of("reason"));
    return service.withdraw(user, id).compose(p -> Responses.ok(ctx, p.toJson()));
  }
}
