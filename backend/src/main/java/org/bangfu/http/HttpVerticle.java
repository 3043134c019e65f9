package org.bangfu.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.sqlclient.Pool;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.TokenHandler;
import org.bangfu.cluster.ClusterState;
import org.bangfu.config.SlowClientConfig;
import org.bangfu.db.PoolFactory;
import org.bangfu.support.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: operations endpoints, the API under {@code /api/v1} and the web app. Stateless:
 * every instance (one per event loop, on every node of a cluster) is the same, and all state lives
 * in PostgreSQL.
 */
public final class HttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  /** Every request body but an upload's: JSON of a few fields. */
  static final long BODY_LIMIT = 64L * 1024;

  /** An upload ({@link #UPLOAD_PATHS}): up to 4 files of 5 MB each, base64 in JSON. */
  static final long UPLOAD_LIMIT = 32L * 1024 * 1024;

  /**
   * The requests that carry files: a receipt's evidence, a rectification's evidence, a project's
   * progress photos, a closed gap's evidence, a 回头看 visit's or a home check's photo, a department's
   * warning file or rows. Each takes the upload's limit and deadline, and only from a signed-in
   * user.
   */
  static final List<String> UPLOAD_PATHS =
      List.of(
          "/allocations/:id/receive",
          "/findings/:id/rectifications",
          "/funds/projects/:id/progress",
          "/household-gaps/:id/close",
          "/review-rounds/:id/visits",
          "/monitor/cases/:id/check",
          "/monitor/warning-files",
          "/monitor/warnings");

  /**
   * A 12317 report with its one photo (2 MB, base64 in JSON), filed by anyone, signed in or not:
   * the upload's deadline, a limit of its own.
   */
  static final String PUBLIC_UPLOAD_PATH = "/public/reports";

  static final long PUBLIC_UPLOAD_LIMIT = 3L * 1024 * 1024;

  public static final String API = "/api/v1";

  /**
   * The smallest answer compressed for a client that accepts it. A need's page (about 600 bytes)
   * compressed saved some 150 bytes of the same one packet, and each compression starts a deflater
   * of its own; a list page of 7 KB shrinks to 2 KB, and the web app's files far more, so those are
   * still compressed.
   */
  static final int COMPRESS_FROM_BYTES = 1024;

  /**
   * What the server answers with: where it listens, the pool (for readiness), the token check and
   * every feature's routes (made once by the composition root and shared by every instance).
   */
  public record Api(
      int port,
      String host,
      Pool pool,
      TokenHandler tokens,
      ClientAddress clients,
      Optional<String> metricsToken,
      SlowClientConfig slowClients,
      List<RouteModule> modules) {}

  private final Api api;
  private final PrometheusMeterRegistry metrics;
  private final int loop;
  private HttpServer server;

  /**
   * The {@code loop}-th instance: its server runs on the {@code loop}-th event loop (counted
   * round), whichever loop Vert.x gave the verticle.
   */
  public HttpVerticle(Api api, PrometheusMeterRegistry metrics, int loop) {
    this.api = api;
    this.metrics = metrics;
    this.loop = loop;
  }

  /**
   * Listens from a context on this instance's own event loop, so that each instance serves its
   * connections on a loop of its own. Vert.x gives each verticle the next loop of a counter that
   * every new context moves (a worker thread's statement too), so two instances deployed while the
   * audit log was being verified came out on one loop: it served every request while the other
   * idled, and with the pool per event loop (PoolPerEventLoop) only that loop's share of the
   * connections did the work.
   */
  @Override
  public Future<?> start() {
    List<io.netty.channel.EventLoop> loops = new java.util.ArrayList<>();
    VertxInternal internal = (VertxInternal) vertx;
    internal.nettyEventLoopGroup().forEach(e -> loops.add((io.netty.channel.EventLoop) e));
    ContextInternal own =
        internal.contextBuilder().withEventLoop(loops.get(loop % loops.size())).build();
    Promise<HttpServer> listening = Promise.promise();
    own.runOnContext(v -> listen().onComplete(listening));
    return listening.future();
  }

  private Future<HttpServer> listen() {
    Router router = router(vertx, api, metrics);
    SlowClients slow = new SlowClients(vertx, api.slowClients().headerTimeout());
    return vertx
        .createHttpServer(serverOptions())
        .connectionHandler(slow::connected)
        .requestHandler(
            req -> {
              slow.request(req);
              router.handle(req);
            })
        .listen(api.port(), api.host())
        .onSuccess(s -> server = s);
  }

  /** The HTTP server's options (every instance's). */
  static HttpServerOptions serverOptions() {
    return new HttpServerOptions()
        .setCompressionSupported(true)
        .setCompressionContentSizeThreshold(COMPRESS_FROM_BYTES)
        .setMaxFormAttributeSize(8192)
        // HTTP/1.1 only (behind a proxy or not, no h2c): a connection is known from its first
        // byte, so its header timer starts at once
        .setHttp2ClearTextEnabled(false)
        // no WebSocket is served (events go as server-sent events): without its compression
        // extensions a connection has no WebSocket extension handler, which looked at every
        // request's headers and every answer on their way through the pipeline
        .setPerFrameWebSocketCompressionSupported(false)
        .setPerMessageWebSocketCompressionSupported(false)
        .setIdleTimeout((int) SlowClients.IDLE_TIMEOUT.toSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
  }

  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  /** The whole routing table; also used by the test that compares it with openapi.yaml. */
  public static Router router(io.vertx.core.Vertx vertx, Api api, PrometheusMeterRegistry metrics) {
    Router router = Router.router(vertx);
    ErrorHandler errors = new ErrorHandler();

    router.route().handler(new SecurityHeaders());
    router.route().handler(api.clients());

    HealthCheckHandler live = HealthCheckHandler.create(vertx);
    live.register("process", promise -> promise.complete(Status.OK()));
    router.get("/health/live").handler(live);
    HealthCheckHandler ready = HealthCheckHandler.create(vertx);
    ready.register(
        "database",
        2000,
        promise ->
            PoolFactory.ping(api.pool())
                .onSuccess(r -> promise.complete(Status.OK()))
                .onFailure(err -> promise.complete(Status.KO())));
    if (vertx.isClustered()) {
      // a node cut off from its cluster would run a second scheduler view and miss events
      ready.register(
          "cluster",
          promise ->
              promise.complete(
                  ClusterState.active(vertx)
                      ? Status.OK(
                          new io.vertx.core.json.JsonObject()
                              .put("members", ClusterState.members(vertx)))
                      : Status.KO()));
    }
    router.get("/health/ready").handler(ready);
    router.get("/metrics").handler(ctx -> metrics(ctx, api, metrics));

    router.route(API + "/*").subRouter(apiRouter(vertx, api, errors));
    router
        .route("/api/*")
        .handler(ctx -> ctx.fail(DomainException.notFound("API path " + ctx.request().path())));

    // the single-page app: files from the web module's jar, and index.html for its own routes;
    // the built files under /assets have their content's hash in their names, so they never
    // change (cached a year, immutable); index.html names them, so it is checked every time
    router
        .route("/assets/*")
        .handler(StaticHandler.create("webroot/assets").setMaxAgeSeconds(365L * 24 * 3600));
    router
        .route()
        .handler(
            ctx -> {
              ctx.response().putHeader("Cache-Control", "no-cache");
              ctx.next();
            });
    router
        .route()
        .handler(
            StaticHandler.create("webroot").setIndexPage("index.html").setCachingEnabled(false));
    router.get().handler(HttpVerticle::historyFallback);

    router.route().failureHandler(errors);
    for (int status : List.of(404, 405, 413, 415)) {
      router.errorHandler(
          status,
          ctx -> Responses.json(ctx, status, ErrorHandler.toJson(ErrorHandler.byStatus(status))));
    }
    return router;
  }

  /**
   * The API: token parsing, then the body (64 KB, or 32 MB for a signed-in receipt upload, each
   * within its deadline), then every feature's routes, then a JSON 404. The token is read before
   * the body, so an upload without a valid token is refused before a byte of it is read; a body
   * over its limit is refused with 413 from its Content-Length, unread.
   */
  static Router apiRouter(io.vertx.core.Vertx vertx, Api features, ErrorHandler errors) {
    Router api = Router.router(vertx);
    // the body waits (paused) while the token is checked; the body handler resumes it
    api.route()
        .handler(
            ctx -> {
              ctx.request().pause();
              ctx.next();
            });
    api.route().handler(features.tokens());
    // the body handler on a route of its own: Vert.x keeps a body handler ahead of others on the
    // same route; the upload routes are grouped by their first path segment, so a request that is
    // no upload's (a GET too) tries none of their path patterns on its way to its own route
    RoutesBySegment uploads = new RoutesBySegment(vertx);
    Router uploadRoutes = uploads.mountable();
    for (String upload : UPLOAD_PATHS) {
      uploadRoutes.post(upload).handler(HttpVerticle::signedInWithUploadDeadline);
      uploadRoutes.post(upload).handler(BodyHandler.create(false).setBodyLimit(UPLOAD_LIMIT));
    }
    uploadRoutes
        .post(PUBLIC_UPLOAD_PATH)
        .handler(ctx -> SlowClients.bodyDeadline(ctx, SlowClients.UPLOAD_TIMEOUT));
    uploadRoutes
        .post(PUBLIC_UPLOAD_PATH)
        .handler(BodyHandler.create(false).setBodyLimit(PUBLIC_UPLOAD_LIMIT));
    uploads.dispatchOn(api);
    Duration bodyTimeout = features.slowClients().bodyTimeout();
    api.route().handler(ctx -> SlowClients.bodyDeadline(ctx, bodyTimeout));
    api.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    api.route().handler(SlowClients::bodyArrived);
    api.get("/openapi.yaml").handler(HttpVerticle::openApi);
    // every feature's routes, grouped by their first path segment (RoutesBySegment says why)
    RoutesBySegment routes = new RoutesBySegment(vertx);
    Router featureRoutes = routes.mountable();
    for (RouteModule module : features.modules()) {
      module.mount(featureRoutes);
    }
    routes.dispatchOn(api);
    api.route()
        .handler(ctx -> ctx.fail(DomainException.notFound("API path " + ctx.request().path())));
    api.route().failureHandler(errors);
    return api;
  }

  /**
   * {@code GET /metrics}: for whoever holds BANGFU_METRICS_TOKEN, or, without one configured, only
   * from this machine and through no proxy; never for the public.
   */
  private static void metrics(RoutingContext ctx, Api api, PrometheusMeterRegistry metrics) {
    boolean allowed =
        api.metricsToken()
            .map(t -> MessageDigest.isEqual(bearer(ctx).getBytes(), ("Bearer " + t).getBytes()))
            .orElseGet(() -> api.clients().isLocalUnproxied(ctx));
    if (!allowed) {
      ctx.fail(DomainException.forbidden("the metrics are for operators"));
      return;
    }
    ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(metrics == null ? "" : metrics.scrape());
  }

  private static String bearer(RoutingContext ctx) {
    String h = ctx.request().getHeader("Authorization");
    return h == null ? "" : h;
  }

  /** An upload: only from a signed-in user (refused before a byte is read), within its deadline. */
  private static void signedInWithUploadDeadline(RoutingContext ctx) {
    try {
      CurrentUser.of(ctx);
    } catch (RuntimeException unauthorized) {
      ctx.fail(unauthorized);
      return;
    }
    SlowClients.bodyDeadline(ctx, SlowClients.UPLOAD_TIMEOUT);
  }

  private static volatile Buffer openApiDocument;

  /**
   * Reads the OpenAPI document and looks for the web app's index.html on the classpath, on a worker
   * thread, so that no request ever reads a file on an event loop. Main calls it before deploying
   * the verticles.
   */
  public static Future<Void> preload(io.vertx.core.Vertx vertx) {
    return vertx.executeBlocking(
        () -> {
          openApiDocument = vertx.fileSystem().readFileBlocking("openapi.yaml");
          webAppPresent = vertx.fileSystem().existsBlocking("webroot/index.html");
          return null;
        },
        false);
  }

  private static void openApi(RoutingContext ctx) {
    Buffer doc = openApiDocument;
    if (doc == null) {
      doc = ctx.vertx().fileSystem().readFileBlocking("openapi.yaml");
      openApiDocument = doc;
    }
    ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(doc);
  }

  private static volatile Boolean webAppPresent;

  private static void historyFallback(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (path.startsWith("/api/")
        || path.startsWith("/health/")
        || path.equals("/metrics")
        || path.contains(".")) {
      ctx.next();
      return;
    }
    Boolean hasIndex = webAppPresent;
    if (hasIndex == null) {
      hasIndex =
          ctx.vertx().fileSystem().existsBlocking("webroot/index.html"); // once, from the classpath
      webAppPresent = hasIndex;
    }
    if (!hasIndex) {
      ctx.next();
      return;
    }
    ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .sendFile("webroot/index.html")
        .onFailure(ctx::fail);
  }

  @Override
  /**
   * Drains before leaving: stops accepting connections, lets the requests in flight finish for up
   * to {@link #DRAIN}, then closes what is left (open event streams, idle connections).
   */
  public Future<?> stop() {
    LOG.debug("HTTP verticle stopping");
    return server == null
        ? Future.succeededFuture()
        : server.shutdown(DRAIN.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** How long a stopping node waits for its requests in flight (within the 9 s stop limit). */
  static final java.time.Duration DRAIN = java.time.Duration.ofSeconds(3);
}
