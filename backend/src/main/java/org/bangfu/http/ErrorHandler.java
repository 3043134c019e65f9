package org.bangfu.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.pgclient.PgException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers: always JSON, never a stack trace.
 * {@link ApiException}s carry their own status; malformed JSON and oversized bodies become
 * 400/413; constraint violations from PostgreSQL become 409 (or 400 for bad values); anything
 * else is a 500 logged here with its trace (the client sees only an id to quote).
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
    ApiException error = toApiException(ctx);
    Responses.json(ctx, error.status(), error.toJson());
  }

  static ApiException toApiException(RoutingContext ctx) {
    Throwable f = ctx.failure();
    if (f instanceof ApiException api) {
      return api;
    }
    if (f instanceof DecodeException || (f != null && f.getCause() instanceof DecodeException)) {
      return ApiException.validation("body", "must be valid JSON");
    }
    if (f instanceof IllegalArgumentException && f.getMessage() != null
        && f.getMessage().startsWith("Invalid JSON")) {
      return ApiException.validation("body", "must be valid JSON");
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
    String ref = Long.toHexString(System.nanoTime());
    LOG.error("internal error [{}] on {} {}", ref, ctx.request().method(), ctx.request().path(), f);
    return new ApiException(500, "internal", "internal error (ref " + ref + ")", List.of());
  }

  private static ApiException fromPostgres(PgException pg) {
    String state = pg.getSqlState() == null ? "" : pg.getSqlState();
    return switch (state) {
      // unique_violation, check_violation, foreign_key_violation, exclusion, serialization
      case "23505", "23514", "23503", "23P01", "40001", "40P01" -> {
        LOG.info("constraint refused a write: {} {}", state, pg.getConstraint());
        yield ApiException.conflict("refused by the database: "
            + (pg.getConstraint() == null ? "conflicting change" : pg.getConstraint()));
      }
      // invalid_text_representation, numeric_value_out_of_range, string_data_right_truncation
      case "22P02", "22003", "22001", "22007", "22008" ->
          new ApiException(400, "validation", "a value is out of range or malformed", List.of());
      default -> {
        String ref = Long.toHexString(System.nanoTime());
        LOG.error("database error [{}] {}: {}", ref, state, pg.getMessage());
        yield new ApiException(500, "internal", "internal error (ref " + ref + ")", List.of());
      }
    };
  }

  static ApiException byStatus(int status) {
    return switch (status) {
      case 400 -> new ApiException(400, "validation", "bad request", List.of());
      case 401 -> ApiException.unauthorized("sign in first");
      case 403 -> ApiException.forbidden("not allowed");
      case 404 -> ApiException.notFound("resource");
      case 405 -> new ApiException(405, "method_not_allowed", "method not allowed", List.of());
      case 413 -> new ApiException(413, "too_large", "request body too large", List.of());
      case 415 -> new ApiException(415, "unsupported_media_type",
          "send Content-Type: application/json", List.of());
      case 429 -> ApiException.tooManyRequests("too many requests");
      default -> new ApiException(status >= 400 && status < 600 ? status : 500,
          status >= 500 || status < 400 ? "internal" : "error",
          HttpResponseStatus.valueOf(status >= 400 && status < 600 ? status : 500).reasonPhrase(),
          List.of());
    };
  }
}
