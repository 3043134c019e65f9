package org.bangfu.pledges;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.bangfu.allocations.PledgeStatus;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
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
  private final PledgeService service;

  public PledgeRoutes(PledgeService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/pledges").handler(this::list);
    api.post("/pledges").handler(this::create);
    api.get("/pledges/:id").handler(this::get);
    api.patch("/pledges/:id").handler(this::update);
    api.post("/pledges/:id/withdraw").handler(this::withdraw);
  }

  private static CurrentUser reader(RoutingContext ctx) {
    return Access.require(ctx, Role.DONOR, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN);
  }

  private void list(RoutingContext ctx) {
    CurrentUser user = reader(ctx);
    Params q = Params.of(ctx);
    PledgeRepository.Filter filter =
        new PledgeRepository.Filter(
            q.optionalLong("donorId", 1, Long.MAX_VALUE).orElse(null),
            q.optionalLong("campaignId", 1, Long.MAX_VALUE).orElse(null),
            q.optionalEnum("status", PledgeStatus.wires()).map(PledgeStatus::of).orElse(null),
            q.optionalEnum("mode", Pledge.MODES).orElse(null));
    service
        .list(user, filter, q.paging())
        .onSuccess(p -> Responses.ok(ctx, Responses.page(p, Pledge::toJson)))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    CurrentUser user = reader(ctx);
    long id = Params.of(ctx).pathId("id");
    service.one(user, id).onSuccess(p -> Responses.ok(ctx, p.toJson())).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.DONOR, Role.ADMIN);
    Body b =
        Body.of(ctx)
            .only(
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
                    "note"));
    long donorId =
        b.optionalLong("donorId", 1, Long.MAX_VALUE)
            .orElseGet(
                () -> {
                  if (user.donorId() == null) {
                    throw DomainException.invalid("donorId", "required", "is required");
                  }
                  return user.donorId();
                });
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
    service
        .create(user, pledge)
        .onSuccess(p -> Responses.created(ctx, p.toJson()))
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
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
    service
        .update(user, id, changes)
        .onSuccess(p -> Responses.ok(ctx, p.toJson()))
        .onFailure(ctx::fail);
  }

  private void withdraw(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.DONOR, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    Body.of(ctx).only(Set.of("reason"));
    service.withdraw(user, id).onSuccess(p -> Responses.ok(ctx, p.toJson())).onFailure(ctx::fail);
  }
}
