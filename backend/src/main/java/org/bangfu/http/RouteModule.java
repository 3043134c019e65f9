package org.bangfu.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * A feature's HTTP routes. {@link HttpVerticle} mounts every module of {@link Features} on the
 * {@code /api/v1} router after the token-parsing handler; paths are relative to it ({@code
 * /needs/:id}). Every path mounted here must also be in {@code openapi.yaml} (a test checks both
 * ways).
 */
public interface RouteModule {

  void mount(Router api);

  /**
   * Adapts an operation that answers through a future: a thrown exception or a failed future goes
   * to {@link ErrorHandler} (so {@code throw DomainException.validation(...)} just works).
   */
  static Handler<RoutingContext> handle(Function<RoutingContext, Future<?>> operation) {
    return ctx -> {
      try {
        Future<?> f = operation.apply(ctx);
        if (f != null) {
          f.onFailure(
              err -> {
                if (!ctx.failed()) {
                  ctx.fail(err);
                }
              });
        }
      } catch (RuntimeException ex) {
        ctx.fail(ex);
      }
    };
  }
}
