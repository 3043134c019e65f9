package org.bangfu.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An error a client can act on. {@link ErrorHandler} turns it into
 * {@code {"error": code, "message": ..., "fields": [{"field", "reason"}]}} with its status.
 */
public final class ApiException extends RuntimeException {

  public record FieldError(String field, String reason) {
  }

  private final int status;
  private final String code;
  private final List<FieldError> fields;

  public ApiException(int status, String code, String message, List<FieldError> fields) {
    super(message, null, false, false); // no stack trace: these are answers, not faults
    this.status = status;
    this.code = code;
    this.fields = List.copyOf(fields);
  }

  public static ApiException validation(String field, String reason) {
    return new ApiException(400, "validation", field + " " + reason,
        List.of(new FieldError(field, reason)));
  }

  public static ApiException validation(List<FieldError> fields) {
    String message = fields.isEmpty() ? "invalid request"
        : fields.get(0).field() + " " + fields.get(0).reason();
    return new ApiException(400, "validation", message, fields);
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message, List.of());
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message, List.of());
  }

  public static ApiException notFound(String what) {
    return new ApiException(404, "not_found", what + " not found", List.of());
  }

  public static ApiException conflict(String message) {
    return new ApiException(409, "conflict", message, List.of());
  }

  public static ApiException tooManyRequests(String message) {
    return new ApiException(429, "too_many_requests", message, List.of());
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public List<FieldError> fields() {
    return fields;
  }

  public JsonObject toJson() {
    JsonObject body = new JsonObject().put("error", code).put("message", getMessage());
    if (!fields.isEmpty()) {
      JsonArray arr = new JsonArray();
      fields.forEach(f -> arr.add(new JsonObject().put("field", f.field()).put("reason", f.reason())));
      body.put("fields", arr);
    }
    return body;
  }
}
