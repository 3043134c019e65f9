package org.bangfu.progress;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.Paging;

/**
 * {@code GET /campaigns/{id}/progress}: a campaign's totals, by receiving county, by category, by
 * the donors' origin, by month, and the mountain-sea flows. The united front, auditors and admins
 * get everything; everyone else (the public included) gets the totals only. {@code GET
 * /progress/unmet-villages}: every village with open needs. {@code GET
 * /progress/allocation-totals}: the sums over all allocations an auditor's filters match.
 */
public final class ProgressRoutes implements RouteModule {
  static final List<String> ALLOCATION_STATUSES =
      List.of("proposed", "confirmed", "declined", "delivered", "received", "verified", "expired");

  private final ProgressService service;

  private final ProgressAnswers answers;

  public ProgressRoutes(ProgressService service, ProgressAnswers answers) {
    this.service = service;
    this.answers = answers;
  }

  @Override
  public void mount(Router api) {
    api.get("/campaigns/:id/progress").handler(RouteModule.handle(this::progress));
    api.get("/progress/unmet-villages").handler(RouteModule.handle(this::unmet));
    api.get("/progress/allocation-totals").handler(RouteModule.handle(this::allocationTotals));
  }

  private Future<?> progress(RoutingContext ctx) {
    boolean full =
        CurrentUser.optional(ctx)
            .map(u -> u.is(Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN))
            .orElse(false);
    long id = Params.of(ctx).pathId("id");
    return answers
        .answer(
            new ProgressAnswers.View(id, full),
            () -> service.progress(id, full).map(p -> toJson(p, full).toBuffer()))
        .compose(
            answer -> {
              // X-Cache says whether the node's kept answer was served (for operators and tests)
              ctx.response().putHeader("X-Cache", answer.kept() ? "hit" : "miss");
              return Responses.encoded(ctx, 200, answer.value());
            });
  }

  /** Everything, or the page asked for ({@code page}, {@code size}). */
  private Future<?> unmet(RoutingContext ctx) {
    Access.require(ctx, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN);
    Params q = Params.of(ctx);
    String county = q.optionalString("county", 40).orElse(null);
    boolean paged =
        q.optionalInt("page", 1, Integer.MAX_VALUE).isPresent()
            || q.optionalInt("size", 1, Paging.MAX_SIZE).isPresent();
    Paging paging = q.paging();
    return answers
        .unmetVillages(county, () -> service.unmetVillages(county).map(UnmetAnswer::of))
        .compose(
            answer -> {
              ctx.response().putHeader("X-Cache", answer.kept() ? "hit" : "miss");
              UnmetAnswer unmet = answer.value();
              return Responses.encoded(ctx, 200, paged ? unmet.page(paging) : unmet.whole());
            });
  }

  /** The same filters as {@code GET /allocations}. */
  private Future<?> allocationTotals(RoutingContext ctx) {
    Access.require(ctx, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN);
    Params q = Params.of(ctx);
    var filter =
        new ProgressRepository.AllocationFilter(
            q.optionalEnum("status", ALLOCATION_STATUSES).orElse(null),
            q.optionalLong("needId", 1, Long.MAX_VALUE).orElse(null),
            q.optionalLong("pledgeId", 1, Long.MAX_VALUE).orElse(null),
            q.optionalLong("donorId", 1, Long.MAX_VALUE).orElse(null),
            q.optionalLong("roundId", 1, Long.MAX_VALUE).orElse(null),
            q.optionalString("villageId", 40).orElse(null));
    return answers
        .allocationTotals(
            filter, () -> service.allocationTotals(filter).map(t -> totalsJson(t).toBuffer()))
        .compose(
            answer -> {
              ctx.response().putHeader("X-Cache", answer.kept() ? "hit" : "miss");
              return Responses.encoded(ctx, 200, answer.value());
            });
  }

  private static JsonObject totalsJson(Progress.AllocationTotals t) {
    JsonObject byStatus = new JsonObject();
    t.countByStatus()
        .forEach(
            (s, n) ->
                byStatus.put(
                    s,
                    new JsonObject()
                        .put("count", n)
                        .put("amounts", amounts(t.amountsByStatus().get(s)))));
    return new JsonObject()
        .put("count", t.count())
        .put("amounts", amounts(t.amounts()))
        .put("byStatus", byStatus);
  }

  static JsonObject amounts(Map<String, Long> m) {
    JsonObject o = new JsonObject();
    new TreeMap<>(m).forEach(o::put);
    return o;
  }

  /**
   * A group's figures; {@code allocated} is every live match, proposals included (proposed +
   * confirmed).
   */
  static JsonObject figures(Figures f) {
    JsonObject o = new JsonObject();
    for (String s : Figures.STAGES) {
      o.put(s, amounts(f.stage(s)));
    }
    Map<String, Long> allocated = new TreeMap<>(f.stage("proposed"));
    f.stage("confirmed").forEach((u, q) -> allocated.merge(u, q, Long::sum));
    o.put("allocated", amounts(allocated));
    for (String c : Figures.COUNTS) {
      o.put(c, f.count(c));
    }
    return o;
  }

  static JsonObject toJson(Progress p, boolean full) {
    JsonObject out =
        new JsonObject()
            .put(
                "campaign",
                new JsonObject()
                    .put("id", p.campaignId())
                    .put("code", p.code())
                    .put("name", p.name()))
            .put("totals", figures(p.totals()));
    if (!full) {
      return out;
    }
    return out.put("byCounty", counties(p.byCounty()))
        .put("byCategory", categories(p.byCategory()))
        .put("byOrigin", counties(p.byOrigin()))
        .put("byMonth", months(p.byMonth()))
        .put("pairingFlows", flows(p.pairingFlows()));
  }

  /** Groups by county (receiving, or the donors' origin), with the county's name. */
  private static JsonArray counties(List<Progress.Group> groups) {
    JsonArray out = new JsonArray();
    groups.forEach(
        g ->
            out.add(
                new JsonObject()
                    .put("countyId", g.key())
                    .put("countyName", g.name())
                    .mergeIn(figures(g.figures()))));
    return out;
  }

  private static JsonArray categories(List<Progress.Group> groups) {
    JsonArray out = new JsonArray();
    groups.forEach(
        g -> out.add(new JsonObject().put("category", g.key()).mergeIn(figures(g.figures()))));
    return out;
  }

  private static JsonArray months(List<Progress.Month> months) {
    JsonArray out = new JsonArray();
    months.forEach(
        m ->
            out.add(
                new JsonObject()
                    .put("month", m.month())
                    .put("confirmed", amounts(m.confirmed()))
                    .put("verified", amounts(m.verified()))));
    return out;
  }

  /** The mountain-sea flows; {@code allocated} is proposed + confirmed, as in the figures. */
  private static JsonArray flows(List<Progress.Flow> flows) {
    JsonArray out = new JsonArray();
    for (Progress.Flow f : flows) {
      Map<String, Long> allocated = new TreeMap<>(f.proposed());
      f.confirmed().forEach((u, q) -> allocated.merge(u, q, Long::sum));
      out.add(
          new JsonObject()
              .put("from", f.from())
              .put("fromName", f.fromName())
              .put("to", f.to())
              .put("toName", f.toName())
              .put("proposed", amounts(f.proposed()))
              .put("confirmed", amounts(f.confirmed()))
              .put("verified", amounts(f.verified()))
              .put("allocated", amounts(allocated)));
    }
    return out;
  }
}
