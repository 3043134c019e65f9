package org.bangfu.allocations;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.events.Event;
import org.bangfu.events.Events;
import org.bangfu.http.Body;
import org.bangfu.http.Files;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.FileContent;

/** {@code /allocations}: lists, one with history and evidence, the lifecycle steps. */
public final class AllocationRoutes implements RouteModule {
  /**
   * A receipt carries at most 4 attachments of at most 5 MB each: 20 MB of files are about 27 MB of
   * base64, inside the receipt upload's 32 MB body limit (HttpVerticle.UPLOAD_LIMIT) with room for
   * the note.
   */
  static final int MAX_ATTACHMENT_BYTES = Files.MAX_BYTES;

  static final int MAX_ATTACHMENTS = 4;

  private final io.vertx.core.Vertx vertx;
  private final AllocationService service;

  public AllocationRoutes(io.vertx.core.Vertx vertx, AllocationService service) {
    this.vertx = vertx;
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/allocations").handler(this::list);
    api.get("/allocations/:id").handler(this::get);
    api.get("/allocations/:id/evidence/:n").handler(this::attachment);
    api.post("/allocations/:id/confirm").handler(ctx -> step(ctx, AllocationService.Step.CONFIRM));
    api.post("/allocations/:id/decline").handler(ctx -> step(ctx, AllocationService.Step.DECLINE));
    api.post("/allocations/:id/deliver").handler(ctx -> step(ctx, AllocationService.Step.DELIVER));
    api.post("/allocations/:id/receive").handler(ctx -> step(ctx, AllocationService.Step.RECEIVE));
    api.post("/allocations/:id/verify").handler(ctx -> step(ctx, AllocationService.Step.VERIFY));
  }

  private void list(RoutingContext ctx) {
    CurrentUser user = Access.signedIn(ctx);
    Params q = Params.of(ctx);
    AllocationRepository.Filter filter =
        new AllocationRepository.Filter(
            q.optionalEnum("status", AllocationStatus.wires())
                .map(AllocationStatus::of)
                .orElse(null),
            q.optionalLong("needId", 1, Long.MAX_VALUE).orElse(null),
            q.optionalLong("pledgeId", 1, Long.MAX_VALUE).orElse(null),
            q.optionalLong("donorId", 1, Long.MAX_VALUE).orElse(null),
            q.optionalLong("roundId", 1, Long.MAX_VALUE).orElse(null),
            q.optionalString("villageId", 40).orElse(null));
    service
        .list(user, filter, q.paging())
        .onSuccess(page -> Responses.ok(ctx, Responses.page(page, Allocation::toJson)))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    CurrentUser user = Access.signedIn(ctx);
    long id = Params.of(ctx).pathId("id");
    service.one(user, id).onSuccess(a -> Responses.ok(ctx, a.toJson())).onFailure(ctx::fail);
  }

  private void attachment(RoutingContext ctx) {
    CurrentUser user = Access.signedIn(ctx);
    Params p = Params.of(ctx);
    long id = p.pathId("id");
    long n = p.pathId("n");
    service
        .evidence(user, id, n)
        .onSuccess(
            f -> {
              if (f.data() == null) {
                Responses.ok(ctx, new JsonObject().put("note", f.note()));
                return;
              }
              Responses.file(
                  ctx, new FileContent(f.name(), f.contentType(), f.data().getBytes()), false);
            })
        .onFailure(ctx::fail);
  }

  private void step(RoutingContext ctx, AllocationService.Step step) {
    CurrentUser user = Access.signedIn(ctx);
    long id = Params.of(ctx).pathId("id");
    if (step == AllocationService.Step.RECEIVE) {
      // a receipt may be ~27 MB of JSON and base64: parsed and decoded on a worker, not the event
      // loop
      vertx
          .executeBlocking(() -> Receipt.of(Body.of(ctx)), false)
          .compose(r -> service.transition(user, id, step, r.note(), r.files()))
          .onSuccess(a -> changedThen(ctx, a))
          .onFailure(ctx::fail);
      return;
    }
    Body body = Body.of(ctx);
    String note;
    List<FileContent> files = List.of();
    switch (step) {
      case DECLINE -> {
        // why the donor declines is worth keeping (history note), but not required
        body.only(Set.of("reason", "note"));
        note =
            body.optionalString("reason", 0, 1000)
                .or(() -> body.optionalString("note", 0, 1000))
                .filter(s -> !s.isEmpty())
                .orElse(null);
      }
      default -> {
        body.only(Set.of("note"));
        note = body.optionalString("note", 0, 5000).filter(s -> !s.isEmpty()).orElse(null);
      }
    }
    service
        .transition(user, id, step, note, files)
        .onSuccess(a -> changedThen(ctx, a))
        .onFailure(ctx::fail);
  }

  /** What a receipt says: its note and its attachments, decoded and size-checked. */
  record Receipt(String note, List<FileContent> files) {
    static Receipt of(Body body) {
      body.only(Set.of("note", "attachments"));
      return new Receipt(body.requiredString("note", 1, 5000), attachments(body));
    }
  }

  static List<FileContent> attachments(Body body) {
    return Files.read(body, "attachments", MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES, null).stream()
        .map(f -> new FileContent(f.name(), f.contentType(), f.data()))
        .toList();
  }

  /** What open screens hear of a change of an allocation: its donor and village's people. */
  public static Event changed(Allocation a) {
    // a verified allocation is on the public board: that much is news for everyone
    return new Event(
        "allocation." + a.status().wire(),
        String.valueOf(a.id()),
        a.status().wire(),
        a.villageId(),
        a.donorId(),
        a.status() == AllocationStatus.VERIFIED ? Event.Audience.PUBLIC : Event.Audience.INVOLVED);
  }

  private static void changedThen(RoutingContext ctx, Allocation a) {
    Events.publish(ctx.vertx(), changed(a));
    Responses.ok(ctx, a.toJson());
  }
}
