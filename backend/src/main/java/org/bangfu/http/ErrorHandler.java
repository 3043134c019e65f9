package org.bangfu.http;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.pgclient.PgException;
import java.util.List;
import java.util.Map;
import org.bangfu.db.DatabaseTrouble;
import org.bangfu.db.StorageFull;
import org.bangfu.support.DomainException;
import org.bangfu.support.DomainException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers: always JSON, never a stack trace. A {@link
 * DomainException}'s kind gives the status; malformed JSON and oversized bodies become 400/413; a
 * database that cannot be reached is 503 with Retry-After ({@link DatabaseTrouble}), a full disk
 * too, with its own code ({@link StorageFull}, {@code storage_full}); constraint violations from
 * PostgreSQL become 409 (or 400 for bad values); anything else is a 500 logged here with its trace
 * (the client sees only an id to quote).
 *
 * <p>The body: {@code {"error": code, "message": ..., "params": {...}, "fields": [{"field", "code",
 * "message", "params"}]}}; the web app translates {@code error} and each field's {@code code}, and
 * never shows {@code message} to a user.
 */
public final class ErrorHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      if (ctx.failure() != null) {
        LOG.warn("failure after the response started: {}", ctx.failure().toString());
      }
      ctx.response().reset();
      return;
    }
    DomainException error = toDomainException(ctx);
    // a refusal that says when to come back (a sign-in lock, the database away) says it in the
    // header too
    Object retryAfter = error.params().get("retryAfter");
    if (retryAfter != null && ctx.response().headers().get("Retry-After") == null) {
      ctx.response().putHeader("Retry-After", retryAfter.toString());
    } else if (error.kind() == Kind.UNAVAILABLE
        && ctx.response().headers().get("Retry-After") == null) {
      ctx.response()
          .putHeader("Retry-After", Integer.toString(DatabaseTrouble.RETRY_AFTER_SECONDS));
    }
    Responses.json(ctx, status(error.kind()), toJson(error));
  }

  /** The HTTP status of each kind of failure. */
  public static int status(Kind kind) {
    return switch (kind) {
      case INVALID -> 400;
      case UNAUTHORIZED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case TOO_LARGE -> 413;
      case METHOD_NOT_ALLOWED -> 405;
      case UNSUPPORTED_MEDIA_TYPE -> 415;
      case TOO_MANY_REQUESTS -> 429;
      case UNAVAILABLE -> 503;
      case INTERNAL -> 500;
    };
  }

  public static JsonObject toJson(DomainException e) {
    JsonObject body = new JsonObject().put("error", e.code()).put("message", e.getMessage());
    if (!e.params().isEmpty()) {
      body.put("params", new JsonObject(Map.copyOf(e.params())));
    }
    if (!e.fields().isEmpty()) {
      JsonArray arr = new JsonArray();
      for (DomainException.FieldError f : e.fields()) {
        JsonObject field =
            new JsonObject()
                .put("field", f.field())
                .put("code", f.code())
                .put("message", f.message());
        if (!f.params().isEmpty()) {
          field.put("params", new JsonObject(Map.copyOf(f.params())));
        }
        arr.add(field);
      }
      body.put("fields", arr);
    }
    return body;
  }

  static DomainException toDomainException(RoutingContext ctx) {
    Throwable f = ctx.failure();
    if (f instanceof DomainException domain) {
      return domain;
    }
    if (f instanceof DecodeException || (f != null && f.getCause() instanceof DecodeException)) {
      return DomainException.invalid("body", "not_json", "must be valid JSON");
    }
    if (f instanceof IllegalArgumentException
        && f.getMessage() != null
        && f.getMessage().startsWith("Invalid JSON")) {
      return DomainException.invalid("body", "not_json", "must be valid JSON");
    }
    if (StorageFull.is(f)) {
      LOG.error(
          "storage full on {} {}: {} (nothing was changed; free or add disk space)",
          ctx.request().method(),
          ctx.request().path(),
          f.toString());
      return new DomainException(
          Kind.UNAVAILABLE,
          "storage_full",
          "the server's storage is full: nothing was changed; try again later",
          Map.of("retryAfter", StorageFull.RETRY_AFTER_SECONDS),
          List.of());
    }
    if (DatabaseTrouble.is(f)) {
      LOG.warn(
          "database unavailable on {} {}: {}",
          ctx.request().method(),
          ctx.request().path(),
          f.toString());
      return new DomainException(
          Kind.UNAVAILABLE,
          "unavailable",
          "the database is not answering: try again in a few seconds",
          Map.of("retryAfter", DatabaseTrouble.RETRY_AFTER_SECONDS),
          List.of());
    }
    if (f instanceof PgException pg) {
      return fromPostgres(pg);
    }
    int status = ctx.statusCode();
    if (f instanceof HttpException http) {
      status = http.getStatusCode();
    }
    if (f == null || status != 500 && status >= 400) {
      return byStatus(status == -1 ? 500 : status);
    }
    return internal(ctx, f);
  }

  private static DomainException internal(RoutingContext ctx, Throwable f) {
    String ref = Long.toHexString(System.nanoTime());
    LOG.error("internal error [{}] on {} {}", ref, ctx.request().method(), ctx.request().path(), f);
    return new DomainException(
        Kind.INTERNAL,
        "internal",
        "internal error (ref " + ref + ")",
        Map.of("ref", ref),
        List.of());
  }

  private static DomainException fromPostgres(PgException pg) {
    String state = pg.getSqlState() == null ? "" : pg.getSqlState();
    return switch (state) {
      // unique_violation, check_violation, foreign_key_violation, exclusion, serialization
      case "23505", "23514", "23503", "23P01", "40001", "40P01" -> {
        LOG.info("constraint refused a write: {} {}", state, pg.getConstraint());
        yield DomainException.conflict(
            "refused_by_database",
            "refused by the database: "
                + (pg.getConstraint() == null ? "conflicting change" : pg.getConstraint()),
            DomainException.params("constraint", pg.getConstraint()));
      }
      // invalid_text_representation, numeric_value_out_of_range, string_data_right_truncation
      case "22P02", "22003", "22001", "22007", "22008", "22021", "22P05" ->
          new DomainException(
              Kind.INVALID,
              "validation",
              "a value is out of range or malformed",
              Map.of(),
              List.of());
      default -> {
        String ref = Long.toHexString(System.nanoTime());
        LOG.error("database error [{}] {}: {}", ref, state, pg.getMessage());
        yield new DomainException(
            Kind.INTERNAL,
            "internal",
            "internal error (ref " + ref + ")",
            Map.of("ref", ref),
            List.of());
      }
    };
  }

  static DomainException byStatus(int status) {
    return switch (status) {
      case 400 ->
          new DomainException(Kind.INVALID, "validation", "bad request", Map.of(), List.of());
      case 401 -> DomainException.unauthorized("sign in first");
      case 403 -> DomainException.forbidden("not allowed");
      case 404 -> DomainException.notFound("resource");
      case 405 ->
          new DomainException(
              Kind.METHOD_NOT_ALLOWED,
              "method_not_allowed",
              "method not allowed",
              Map.of(),
              List.of());
      case 413 ->
          new DomainException(
              Kind.TOO_LARGE, "too_large", "request body too large", Map.of(), List.of());
      case 415 ->
          new DomainException(
              Kind.UNSUPPORTED_MEDIA_TYPE,
              "unsupported_media_type",
              "send Content-Type: application/json",
              Map.of(),
              List.of());
      case 429 -> DomainException.tooManyRequests("too many requests");
      case 503 -> DomainException.unavailable("service unavailable");
      default ->
          new DomainException(Kind.INTERNAL, "internal", "internal error", Map.of(), List.of());
    };
  }
}
