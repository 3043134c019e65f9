package org.bangfu.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure a caller can act on, in the domain's words: its {@link Kind} (what went wrong), a
 * stable machine {@code code} that the web app translates (for example {@code need_not_open}), an
 * English message for logs and API users, optional {@code params} the translation may use, and, for
 * invalid input, the fields at fault. Services and repositories throw it; only {@code
 * http.ErrorHandler} knows which HTTP status each kind becomes.
 */
public final class DomainException extends RuntimeException {

  /** What kind of failure: the error handler maps each to one HTTP status. */
  public enum Kind {
    INVALID,
    UNAUTHORIZED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    TOO_MANY_REQUESTS,
    TOO_LARGE,
    METHOD_NOT_ALLOWED,
    UNSUPPORTED_MEDIA_TYPE,
    UNAVAILABLE,
    INTERNAL
  }

  /**
   * One field at fault: its path ({@code quantity}, {@code hometown.county}, {@code
   * attachments[0].size}), a stable code ({@code required}, {@code too_long}…), the English text,
   * and the values the text names ({@code max}, {@code allowed}…).
   */
  public record FieldError(String field, String code, String message, Map<String, Object> params) {
    public FieldError {
      params = params == null ? Map.of() : Map.copyOf(params);
    }

    public FieldError(String field, String code, String message) {
      this(field, code, message, Map.of());
    }
  }

  private final Kind kind;
  private final String code;
  private final Map<String, Object> params;
  private final List<FieldError> fields;

  public DomainException(
      Kind kind, String code, String message, Map<String, Object> params, List<FieldError> fields) {
    super(message, null, false, false); // no stack trace: these are answers, not faults
    this.kind = kind;
    this.code = code;
    this.params = params == null ? Map.of() : Map.copyOf(params);
    this.fields = List.copyOf(fields);
  }

  // ---- invalid input

  /** One field is invalid, with a stable code, the English text and what the text names. */
  public static DomainException invalid(
      String field, String code, String message, Map<String, Object> params) {
    return invalid(List.of(new FieldError(field, code, message, params)));
  }

  public static DomainException invalid(String field, String code, String message) {
    return invalid(field, code, message, Map.of());
  }

  /**
   * A field is invalid for a reason specific to it; its code is {@code invalid} and the web app
   * shows it with the field's name. Prefer {@link #invalid(String, String, String)} with a code.
   */
  public static DomainException validation(String field, String reason) {
    return invalid(field, "invalid", reason, Map.of());
  }

  public static DomainException invalid(List<FieldError> fields) {
    String message =
        fields.isEmpty()
            ? "invalid request"
            : fields.get(0).field() + " " + fields.get(0).message();
    return new DomainException(Kind.INVALID, "validation", message, Map.of(), fields);
  }

  // ---- the others

  public static DomainException unauthorized(String message) {
    return new DomainException(Kind.UNAUTHORIZED, "unauthorized", message, Map.of(), List.of());
  }

  public static DomainException forbidden(String message) {
    return new DomainException(Kind.FORBIDDEN, "forbidden", message, Map.of(), List.of());
  }

  public static DomainException forbidden(String code, String message) {
    return new DomainException(Kind.FORBIDDEN, code, message, Map.of(), List.of());
  }

  /** {@code what} names the thing in English, e.g. {@code "need 12"}. */
  public static DomainException notFound(String what) {
    return new DomainException(
        Kind.NOT_FOUND, "not_found", what + " not found", Map.of("what", what), List.of());
  }

  /** A state that does not allow the change (generic code {@code conflict}). */
  public static DomainException conflict(String message) {
    return new DomainException(Kind.CONFLICT, "conflict", message, Map.of(), List.of());
  }

  /** A state that does not allow the change, with its own code and the values it names. */
  public static DomainException conflict(String code, String message, Map<String, Object> params) {
    return new DomainException(Kind.CONFLICT, code, message, params, List.of());
  }

  /** A conflict that is about one field (e.g. a quantity more than is left). */
  public static DomainException conflict(
      String code, String message, Map<String, Object> params, FieldError field) {
    return new DomainException(Kind.CONFLICT, code, message, params, List.of(field));
  }

  public static DomainException tooManyRequests(String message) {
    return new DomainException(
        Kind.TOO_MANY_REQUESTS, "too_many_requests", message, Map.of(), List.of());
  }

  public static DomainException unavailable(String message) {
    return new DomainException(Kind.UNAVAILABLE, "unavailable", message, Map.of(), List.of());
  }

  /** A map of params in the order given: {@code params("left", 5, "unit", "CNY")}. */
  public static Map<String, Object> params(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        m.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
      }
    }
    return m;
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public Map<String, Object> params() {
    return params;
  }

  public List<FieldError> fields() {
    return fields;
  }
}
