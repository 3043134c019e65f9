package org.bangfu.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import org.bangfu.support.FileContent;
import org.bangfu.support.FileTypes;
import org.bangfu.support.Page;

/** Tiny helpers that write JSON answers. */
public final class Responses {

  private Responses() {}

  public static Future<Void> json(RoutingContext ctx, int status, Object body) {
    // objects and arrays straight to bytes (the same encoder, without a String in between)
    Buffer bytes =
        body instanceof JsonObject o
            ? o.toBuffer()
            : body instanceof JsonArray a
                ? a.toBuffer()
                : body instanceof Page<?> p
                    ? page(p).toBuffer()
                    : Buffer.buffer(io.vertx.core.json.Json.encode(body));
    return encoded(ctx, status, bytes);
  }

  /**
   * Vert.x's own encoder, Jackson's generator walking the object's maps and lists: the same bytes
   * for plain values (strings, numbers, booleans, nulls, nested objects and arrays) as the default
   * (jackson-databind, which looks up a serializer for every value of a map and may also write a
   * record or a bean); it refuses anything else.
   */
  private static final JacksonCodec PLAIN = new JacksonCodec();

  /**
   * An answer whose values are all plain (a need's page, asked for on every donor's visit): encoded
   * without jackson-databind, the same bytes.
   */
  public static Future<Void> plain(RoutingContext ctx, JsonObject body) {
    return encoded(ctx, 200, PLAIN.toBuffer(body, false));
  }

  /** Every JSON answer's two headers, as bytes made once (see {@link SecurityHeaders}). */
  private static final CharSequence JSON_TYPE =
      HttpHeaders.createOptimized("application/json; charset=utf-8");

  private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");

  /** JSON already encoded (a node's cached answer). */
  public static Future<Void> encoded(RoutingContext ctx, int status, Buffer json) {
    return ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE)
        .end(json);
  }

  public static Future<Void> ok(RoutingContext ctx, Object body) {
    return json(ctx, 200, body);
  }

  public static Future<Void> created(RoutingContext ctx, Object body) {
    return json(ctx, 201, body);
  }

  /**
   * A stored file (evidence, a rectification's, a progress photo), served so that nothing in it can
   * run in the application's origin: the type is the one its content shows (anything else, such as
   * a file stored before uploads were checked, goes as an opaque download), the browser may not
   * guess another, and the response is sandboxed (no script, no same origin) even when opened on
   * its own.
   */
  public static Future<Void> file(RoutingContext ctx, FileContent f, boolean download) {
    String type = FileTypes.of(f.data()).orElse("application/octet-stream");
    boolean inline = !download && !type.equals("application/octet-stream");
    String name = f.name() == null ? "file" : f.name().replaceAll("[^\\w.\\-]", "_");
    return ctx.response()
        .putHeader("Content-Type", type)
        .putHeader(
            "Content-Disposition",
            (inline ? "inline" : "attachment") + "; filename=\"" + name + "\"")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", "default-src 'none'; sandbox")
        .putHeader("Cache-Control", "private, no-store")
        .end(Buffer.buffer(f.data()));
  }

  public static Future<Void> noContent(RoutingContext ctx) {
    return ctx.response().setStatusCode(204).end();
  }

  /**
   * A page in the API's shape: {@code {items, total, page, size}}, and {@code totalCapped: true}
   * when it is.
   */
  public static JsonObject page(Page<?> page) {
    JsonObject json =
        new JsonObject()
            .put("items", new JsonArray(new java.util.ArrayList<>(page.items())))
            .put("total", page.total())
            .put("page", page.page())
            .put("size", page.size());
    return page.totalCapped() ? json.put("totalCapped", true) : json;
  }

  /** A whole list in the API's shape {@code {items}}, each turned into JSON by {@code toJson}. */
  public static <T> JsonObject items(java.util.List<T> list, Function<T, ?> toJson) {
    return new JsonObject().put("items", new JsonArray(list.stream().map(toJson).toList()));
  }

  /** A page of records, each turned into JSON by {@code toJson}. */
  public static <T> JsonObject page(Page<T> page, Function<T, ?> toJson) {
    return page(page.map(toJson));
  }
}
