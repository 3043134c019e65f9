package org.bangfu.rounds;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.events.Event;
import org.bangfu.events.Events;
import org.bangfu.http.Body;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;

/** {@code /match-rounds}: run a round (united front, admin) and read past rounds. */
public final class MatchRoundRoutes implements RouteModule {
  private final MatchRoundService service;
  private final Duration answerWithin;

  /**
   * @param answerWithin how long {@code POST /match-rounds} waits for the round before it answers
   *     202 with the round still running
   */
  public MatchRoundRoutes(MatchRoundService service, Duration answerWithin) {
    this.service = service;
    this.answerWithin = answerWithin;
  }

  @Override
  public void mount(Router api) {
    api.post("/match-rounds").handler(RouteModule.handle(this::run));
    api.get("/match-rounds").handler(RouteModule.handle(this::list));
    api.get("/match-rounds/:id").handler(RouteModule.handle(this::get));
    api.get("/match-rounds/:id/unmatched").handler(RouteModule.handle(this::unmatched));
  }

  private Future<?> run(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.UNITED_FRONT, Role.ADMIN);
    Body b = Body.of(ctx).only(Set.of("campaignId", "date", "fairness"));
    Long campaignId = b.optionalLong("campaignId", 1, Long.MAX_VALUE).orElse(null);
    LocalDate date = b.optionalDate("date").orElse(null);
    // absent: the setting (villages not yet helped come first unless it is turned off)
    Boolean fairness = b.optionalBoolean("fairness").orElse(null);
    return service.start(user, campaignId, date, fairness).compose(started -> answer(ctx, started));
  }

  /**
   * A national round takes minutes: past {@code answerWithin} the caller gets 202 with the round
   * still running, and its end comes as an event (and {@code GET /match-rounds/{id}}). Answers once
   * the caller has had an answer; fails only when the caller is to get an error.
   */
  private Future<Void> answer(RoutingContext ctx, MatchRoundService.Started started) {
    Promise<Void> answer = Promise.promise();
    AtomicBoolean answered = new AtomicBoolean();
    long timer =
        ctx.vertx()
            .setTimer(
                Math.max(1, answerWithin.toMillis()),
                t -> {
                  if (answered.compareAndSet(false, true)) {
                    service
                        .one(started.id())
                        .compose(r -> Responses.json(ctx, 202, r.toJson()))
                        .onComplete(answer);
                  }
                });
    started
        .done()
        .compose(service::one)
        .onComplete(
            done -> {
              ctx.vertx().cancelTimer(timer);
              if (done.succeeded()) {
                published(ctx, done.result());
              }
              if (answered.compareAndSet(false, true)) {
                Future<Void> sent =
                    done.succeeded()
                        ? Responses.created(ctx, done.result().toJson())
                        : Future.failedFuture(done.cause());
                sent.onComplete(answer);
              }
            });
    return answer.future();
  }

  /** A round's totals are public; each proposal is told to its donor by the allocations' events. */
  private static void published(RoutingContext ctx, MatchRound r) {
    Events.publish(
        ctx.vertx(),
        new Event(
            "round." + r.status().wire(),
            String.valueOf(r.id()),
            r.status().wire(),
            null,
            null,
            Event.Audience.PUBLIC));
  }

  private Future<?> list(RoutingContext ctx) {
    Access.require(ctx, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN);
    return service
        .list(Params.of(ctx).paging())
        .compose(p -> Responses.ok(ctx, Responses.page(p, MatchRound::toJson)));
  }

  private Future<?> get(RoutingContext ctx) {
    Access.require(ctx, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    return service
        .one(id)
        .compose(
            r ->
                service
                    .allocations(id)
                    .compose(
                        allocations -> service.rows(id).map(rows -> r.toJson(allocations, rows))))
        .compose(r -> Responses.ok(ctx, r));
  }

  /** The needs a round left (partly) short, page by page, with the reason of each. */
  private Future<?> unmatched(RoutingContext ctx) {
    Access.require(ctx, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN);
    Params params = Params.of(ctx);
    long id = params.pathId("id");
    return service
        .unmatched(id, params.paging())
        .compose(p -> Responses.ok(ctx, Responses.page(p, UnmatchedNeed::toJson)));
  }
}
