package org.bangfu.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Tiny helpers that write JSON answers. */
public final class Responses {

  private Responses() {
  }

  public static Future<Void> json(RoutingContext ctx, int status, Object body) {
    String text = body instanceof JsonObject o ? o.encode()
        : body instanceof JsonArray a ? a.encode()
        : io.vertx.core.json.Json.encode(body);
    return ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(text);
  }

  public static Future<Void> ok(RoutingContext ctx, Object body) {
    return json(ctx, 200, body);
  }

  public static Future<Void> created(RoutingContext ctx, Object body) {
    return json(ctx, 201, body);
  }

  public static Future<Void> noContent(RoutingContext ctx) {
    return ctx.response().setStatusCode(204).end();
  }

  /** A paged list in the API's shape. */
  public static JsonObject page(JsonArray items, long total, Paging paging) {
    return new JsonObject().put("items", items).put("total", total)
        .put("page", paging.page()).put("size", paging.size());
  }
}
