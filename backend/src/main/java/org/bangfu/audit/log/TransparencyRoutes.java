package org.bangfu.audit.log;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.bangfu.auth.Access;
import org.bangfu.auth.Role;
import org.bangfu.http.Body;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.DomainException;

/**
 * The audit trail as a transparency log. Public (anyone, to keep copies and check): {@code GET
 * /public/audit-log/heads[/latest|/{size}]}, {@code /keys}, {@code /witnesses}, {@code
 * /proof/inclusion?id=&size=}, {@code /proof/consistency?first=&second=}, {@code /notices/{id}}
 * (what a notice's QR code leads to), and {@code POST /public/audit-log/heads/{size}/cosignatures}
 * (a registered witness's signature is its authority). Admin: {@code POST /audit-log/heads} (sign a
 * head now), {@code POST /audit-log/witnesses}. Auditors and admins: {@code GET /audit/verify}. The
 * two that pass over the whole log answer 202 when it takes longer than {@link #ANSWER_WITHIN}, and
 * go on.
 */
public final class TransparencyRoutes implements RouteModule {

  private static final String P = "/public/audit-log";

  private final LogService log;
  private final ProofService proofs;
  private final WitnessService witnesses;
  private final NodeWitness nodeWitness;

  public TransparencyRoutes(
      LogService log, ProofService proofs, WitnessService witnesses, NodeWitness nodeWitness) {
    this.log = log;
    this.proofs = proofs;
    this.witnesses = witnesses;
    this.nodeWitness = nodeWitness;
  }

  @Override
  public void mount(Router api) {
    api.get(P + "/heads/latest").handler(RouteModule.handle(this::latest));
    api.get(P + "/heads").handler(RouteModule.handle(this::heads));
    api.get(P + "/heads/:size").handler(RouteModule.handle(this::head));
    api.post(P + "/heads/:size/cosignatures").handler(RouteModule.handle(this::cosign));
    api.get(P + "/keys").handler(RouteModule.handle(this::keys));
    api.get(P + "/witnesses").handler(RouteModule.handle(this::witnessList));
    api.get(P + "/proof/inclusion").handler(RouteModule.handle(this::inclusion));
    api.get(P + "/proof/consistency").handler(RouteModule.handle(this::consistency));
    api.get(P + "/notices/:id").handler(RouteModule.handle(this::notice));
    api.post("/audit-log/heads").handler(RouteModule.handle(this::take));
    api.post("/audit-log/witnesses").handler(RouteModule.handle(this::register));
    api.get("/audit/verify").handler(RouteModule.handle(this::verify));
  }

  private Future<?> latest(RoutingContext ctx) {
    return log.latest()
        .compose(
            h ->
                Responses.ok(
                    ctx,
                    h.orElseThrow(
                            () ->
                                new DomainException(
                                    DomainException.Kind.NOT_FOUND,
                                    "audit_head_not_found",
                                    "no tree head has been signed yet",
                                    java.util.Map.of(),
                                    List.of()))
                        .toJson()));
  }

  private Future<?> heads(RoutingContext ctx) {
    return log.heads(Params.of(ctx).paging())
        .compose(p -> Responses.ok(ctx, Responses.page(p, TreeHead::toJson)));
  }

  private Future<?> head(RoutingContext ctx) {
    return log.head(size(ctx)).compose(h -> Responses.ok(ctx, h.toJson()));
  }

  /** A tree size in the path: a whole number from 0; anything else names no head (404). */
  private static long size(RoutingContext ctx) {
    String v = ctx.pathParam("size");
    try {
      long n = Long.parseLong(v);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException ex) {
      // below
    }
    throw new DomainException(
        DomainException.Kind.NOT_FOUND,
        "audit_head_not_found",
        "no signed tree head has size " + v,
        java.util.Map.of(),
        List.of());
  }

  private Future<?> cosign(RoutingContext ctx) {
    long size = size(ctx);
    Body b =
        Body.of(ctx)
            .only(List.of("witness", "keyId", "publicKey", "time", "timeMillis", "signature"));
    String publicKey = b.requiredString("publicKey", 40, 200);
    long time = b.requiredLong("timeMillis", 0, Long.MAX_VALUE);
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(b.requiredString("signature", 40, 200));
    } catch (IllegalArgumentException ex) {
      throw DomainException.invalid("signature", "not_base64", "must be base64");
    }
    String keyId;
    try {
      keyId = Signatures.keyId(Signatures.publicKey(publicKey));
    } catch (IllegalArgumentException ex) {
      throw DomainException.invalid(
          "publicKey", "not_ed25519_key", "must be a base64 X.509 Ed25519 public key");
    }
    b.optionalString("keyId", 1, 64)
        .filter(k -> !k.equals(keyId))
        .ifPresent(
            k -> {
              throw DomainException.invalid(
                  "keyId", "not_key_of_public_key", "is not the id of publicKey");
            });
    Cosignature c = new Cosignature(null, keyId, publicKey, time, signature);
    return witnesses.cosign(size, c).compose(h -> Responses.created(ctx, h.toJson()));
  }

  private Future<?> keys(RoutingContext ctx) {
    return log.keys().compose(ks -> Responses.ok(ctx, Responses.items(ks, LogKey::toJson)));
  }

  private Future<?> witnessList(RoutingContext ctx) {
    return witnesses
        .witnesses()
        .compose(ws -> Responses.ok(ctx, Responses.items(ws, WitnessEntry::toJson)));
  }

  private Future<?> inclusion(RoutingContext ctx) {
    Params q = Params.of(ctx);
    long id =
        q.optionalLong("id", 1, Long.MAX_VALUE)
            .orElseThrow(() -> DomainException.invalid("id", "required", "is required"));
    Long size = q.optionalLong("size", 1, Long.MAX_VALUE).orElse(null);
    return proofs.inclusion(id, size).compose(p -> Responses.ok(ctx, p.toJson()));
  }

  private Future<?> consistency(RoutingContext ctx) {
    Params q = Params.of(ctx);
    long first =
        q.optionalLong("first", 0, Long.MAX_VALUE)
            .orElseThrow(() -> DomainException.invalid("first", "required", "is required"));
    long second =
        q.optionalLong("second", 0, Long.MAX_VALUE)
            .orElseThrow(() -> DomainException.invalid("second", "required", "is required"));
    return proofs.consistency(first, second).compose(p -> Responses.ok(ctx, p.toJson()));
  }

  private Future<?> notice(RoutingContext ctx) {
    return proofs.notice(Params.of(ctx).pathId("id")).compose(j -> Responses.ok(ctx, j));
  }

  private Future<?> take(RoutingContext ctx) {
    Access.require(ctx, Role.ADMIN);
    Future<TreeHead> signed =
        log.take().compose(h -> nodeWitness.check().compose(d -> log.head(h.size())));
    return within(ctx, signed, h -> Responses.created(ctx, h.toJson()));
  }

  /**
   * How long a request waits for a pass over the whole log (a minute at ten million records) before
   * it answers 202 and the pass goes on: connections idle out at 30 s.
   */
  static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);

  /**
   * {@code answer} with the work's result when it ends within {@link #ANSWER_WITHIN}; otherwise 202
   * {@code {running: true}} (the work goes on: ask again, or read the latest head).
   */
  private static <T> Future<Void> within(
      RoutingContext ctx, Future<T> work, Function<T, Future<Void>> answer) {
    Promise<Void> first = Promise.promise();
    long timer = ctx.vertx().setTimer(ANSWER_WITHIN.toMillis(), t -> first.tryComplete());
    work.onComplete(done -> first.tryComplete());
    return first
        .future()
        .compose(
            v -> {
              ctx.vertx().cancelTimer(timer);
              if (!work.isComplete()) {
                return Responses.json(ctx, 202, new JsonObject().put("running", true));
              }
              return work.compose(answer);
            });
  }

  private Future<?> register(RoutingContext ctx) {
    Access.require(ctx, Role.ADMIN);
    Body b = Body.of(ctx).only(List.of("name", "publicKey"));
    String name = b.requiredString("name", 1, 80);
    String key = b.requiredString("publicKey", 40, 200);
    return witnesses
        .register(name, key, WitnessEntry.EXTERNAL)
        .compose(w -> Responses.created(ctx, w.toJson()));
  }

  private Future<?> verify(RoutingContext ctx) {
    Access.require(ctx, Role.AUDITOR, Role.ADMIN);
    return within(
        ctx,
        log.verify(),
        c ->
            Responses.ok(
                ctx,
                c.report()
                    .toJson()
                    .put("checkedAt", c.at().toString())
                    .put("notes", new JsonArray(c.report().notes()))));
  }
}
