package org.bangfu.rounds;

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
    api.post("/match-rounds").handler(this::run);
    api.get("/match-rounds").handler(this::list);
    api.get("/match-rounds/:id").handler(this::get);
  }

  private void run(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, Role.UNITED_FRONT, Role.ADMIN);
    Body b = Body.of(ctx).only(Set.of("campaignId", "date"));
    Long campaignId = b.optionalLong("campaignId", 1, Long.MAX_VALUE).orElse(null);
    LocalDate date = b.optionalDate("date").orElse(null);
    service
        .start(user, campaignId, date)
        .onSuccess(
            started -> {
              // a national round takes minutes: past answerWithin the caller gets 202 with the
              // round
              // still running, and its end comes as an event (and GET /match-rounds/{id})
              AtomicBoolean answered = new AtomicBoolean();
              long timer =
                  ctx.vertx()
                      .setTimer(
                          Math.max(1, answerWithin.toMillis()),
                          t -> {
                            if (answered.compareAndSet(false, true)) {
                              service
                                  .one(started.id())
                                  .onSuccess(r -> Responses.json(ctx, 202, r.toJson()))
                                  .onFailure(ctx::fail);
                            }
                          });
              started
                  .done()
                  .compose(service::one)
                  .onComplete(
                      done -> {
                        ctx.vertx().cancelTimer(timer);
                        if (done.succeeded()) {
                          MatchRound r = done.result();
                          // a round's totals are public; each proposal is told to its donor by the
                          // allocations' events
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
                        if (answered.compareAndSet(false, true)) {
                          if (done.succeeded()) {
                            Responses.created(ctx, done.result().toJson());
                          } else {
                            ctx.fail(done.cause());
                          }
                        }
                      });
            })
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    Access.require(ctx, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN);
    service
        .list(Params.of(ctx).paging())
        .onSuccess(p -> Responses.ok(ctx, Responses.page(p, MatchRound::toJson)))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    Access.require(ctx, Role.UNITED_FRONT, Role.AUDITOR, Role.ADMIN);
    long id = Params.of(ctx).pathId("id");
    service
        .one(id)
        .compose(r -> service.allocations(id).map(r::toJson))
        .onSuccess(r -> Responses.ok(ctx, r))
        .onFailure(ctx::fail);
  }
}
