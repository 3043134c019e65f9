package org.bangfu.allocations;

import io.vertx.core.Future;
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
    api.get("/allocations").handler(RouteModule.handle(this::list));
    api.get("/allocations/:id").handler(RouteModule.handle(this::get));
    api.get("/allocations/:id/evidence/:n").handler(RouteModule.handle(this::attachment));
    for (AllocationService.Step step : AllocationService.Step.values()) {
      api.post("/allocations/:id/" + step.name().toLowerCase())
          .handler(RouteModule.handle(ctx -> step(ctx, step)));
    }
  }

  private Future<?> list(RoutingContext ctx) {
    CurrentUser user = Access.signedIn(ctx);
    Params q = Params.of(ctx);
    Access.requireRegionInReach(user, q.optionalString("villageId", 40).orElse(null));
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
    return service
        .list(user, filter, q.paging())
        .compose(page -> Responses.ok(ctx, Responses.page(page, Allocation::toJson)));
  }

  private Future<?> get(RoutingContext ctx) {
    CurrentUser user = Access.signedIn(ctx);
    long id = Params.of(ctx).pathId("id");
    return service.one(user, id).compose(a -> Responses.ok(ctx, a.toJson()));
  }

  private Future<?> attachment(RoutingContext ctx) {
    CurrentUser user = Access.signedIn(ctx);
    Params p = Params.of(ctx);
    long id = p.pathId("id");
    long n = p.pathId("n");
    return service.evidence(user, id, n).compose(f -> send(ctx, f));
  }

  /** A receipt's note as JSON, or one of its files as a download. */
  private static Future<Void> send(RoutingContext ctx, AllocationRepository.EvidenceFile f) {
    if (f.data() == null) {
      return Responses.ok(ctx, new JsonObject().put("note", f.note()));
    }
    return Responses.file(
        ctx, new FileContent(f.name(), f.contentType(), f.data().getBytes()), false);
  }

  private Future<?> step(RoutingContext ctx, AllocationService.Step step) {
    CurrentUser user = Access.signedIn(ctx);
    long id = Params.of(ctx).pathId("id");
    if (step == AllocationService.Step.RECEIVE) {
      // a receipt may be ~27 MB of JSON and base64: parsed and decoded on a worker, not the event
      // loop
      return vertx
          .executeBlocking(() -> Receipt.of(Body.of(ctx)), false)
          .compose(
              r ->
                  service.transition(
                      user, id, step, new AllocationService.Input(r.note(), r.files(), null)))
          .compose(a -> changedThen(ctx, a));
    }
    AllocationService.Input input = input(Body.of(ctx), step);
    return service.transition(user, id, step, input).compose(a -> changedThen(ctx, a));
  }

  /** What a step other than a receipt carries. */
  private static AllocationService.Input input(Body body, AllocationService.Step step) {
    return switch (step) {
      case VERIFY -> verification(body);
      case RETURN, REVOKE -> {
        // a step back says why: the secretary reads it, a revocation's reason is published
        body.only(Set.of("reason"));
        yield new AllocationService.Input(body.requiredString("reason", 1, 1000), null, null);
      }
      default -> new AllocationService.Input(note(body, step), null, null);
    };
  }

  /** A verification: an optional note, and the exception when the receipt has no file. */
  private static AllocationService.Input verification(Body body) {
    body.only(Set.of("note", "exception"));
    String note = body.optionalString("note", 0, 5000).filter(s -> !s.isEmpty()).orElse(null);
    VerificationException exception =
        body.optionalObject("exception")
            .map(
                x -> {
                  x.only(Set.of("kind", "reason"));
                  return new VerificationException(
                      x.requiredEnum("kind", VerificationException.KINDS),
                      x.requiredString("reason", 1, 1000));
                })
            .orElse(null);
    return new AllocationService.Input(note, null, exception);
  }

  /** The note of a step other than a receipt; {@code null} when none is given. */
  private static String note(Body body, AllocationService.Step step) {
    if (step == AllocationService.Step.DECLINE) {
      // why the donor declines is worth keeping (history note), but not required
      body.only(Set.of("reason", "note"));
      return body.optionalString("reason", 0, 1000)
          .or(() -> body.optionalString("note", 0, 1000))
          .filter(s -> !s.isEmpty())
          .orElse(null);
    }
    body.only(Set.of("note"));
    return body.optionalString("note", 0, 5000).filter(s -> !s.isEmpty()).orElse(null);
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

  private static Future<Void> changedThen(RoutingContext ctx, Allocation a) {
    Events.publish(ctx.vertx(), changed(a));
    return Responses.ok(ctx, a.toJson());
  }
}
