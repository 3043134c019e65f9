package org.bangfu.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Typed access to a JSON request body, validating as it reads: a missing required field,
 * a wrong type or an out-of-range value throws {@link ApiException#validation} naming the
 * field, so a bad request is a 400, never a 500. This is the request validation that the
 * OpenAPI document describes (written as code: each route reads exactly its schema's fields).
 */
public final class Body {

  private final JsonObject json;

  private Body(JsonObject json) {
    this.json = json;
  }

  /** The request body as a JSON object; an empty body counts as {@code {}}. */
  public static Body of(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().length() <= 0) { // -1: no body was sent
      return new Body(new JsonObject());
    }
    Object value;
    try {
      value = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException ex) {
      throw ApiException.validation("body", "must be a JSON object");
    }
    if (value == null) {
      throw ApiException.validation("body", "must be a JSON object");
    }
    return new Body((JsonObject) value);
  }

  public static Body of(JsonObject json) {
    return new Body(json == null ? new JsonObject() : json);
  }

  public JsonObject json() {
    return json;
  }

  public boolean has(String field) {
    return json.containsKey(field) && json.getValue(field) != null;
  }

  /** Fails when the body has fields other than {@code allowed} (catches typos like "quantiy"). */
  public Body only(Collection<String> allowed) {
    for (String k : json.fieldNames()) {
      if (!allowed.contains(k)) {
        throw ApiException.validation(k, "is not a known field");
      }
    }
    return this;
  }

  // ---- text

  public String requiredString(String field, int minLength, int maxLength) {
    return optionalString(field, minLength, maxLength)
        .orElseThrow(() -> ApiException.validation(field, "is required"));
  }

  public Optional<String> optionalString(String field, int minLength, int maxLength) {
    if (!has(field)) {
      return Optional.empty();
    }
    Object v = json.getValue(field);
    if (!(v instanceof String s)) {
      throw ApiException.validation(field, "must be a string");
    }
    String t = s.strip();
    if (t.length() < minLength) {
      throw ApiException.validation(field, minLength <= 1 ? "must not be empty"
          : "must be at least " + minLength + " characters");
    }
    if (t.length() > maxLength) {
      throw ApiException.validation(field, "must be at most " + maxLength + " characters");
    }
    return Optional.of(t);
  }

  public String requiredEnum(String field, Collection<String> allowed) {
    return optionalEnum(field, allowed)
        .orElseThrow(() -> ApiException.validation(field, "is required"));
  }

  public Optional<String> optionalEnum(String field, Collection<String> allowed) {
    return optionalString(field, 1, 200).map(v -> {
      if (!allowed.contains(v)) {
        throw ApiException.validation(field, "must be one of " + String.join(", ", allowed));
      }
      return v;
    });
  }

  // ---- numbers

  public long requiredLong(String field, long min, long max) {
    return optionalLong(field, min, max)
        .orElseThrow(() -> ApiException.validation(field, "is required"));
  }

  public Optional<Long> optionalLong(String field, long min, long max) {
    if (!has(field)) {
      return Optional.empty();
    }
    long v = wholeNumber(field, json.getValue(field), min, max);
    return Optional.of(v);
  }

  public int requiredInt(String field, int min, int max) {
    return (int) requiredLong(field, min, max);
  }

  public Optional<Integer> optionalInt(String field, int min, int max) {
    return optionalLong(field, min, max).map(Long::intValue);
  }

  static long wholeNumber(String field, Object v, long min, long max) {
    String range = "must be between " + min + " and " + max;
    if (!(v instanceof Number n)) {
      throw ApiException.validation(field, "must be a whole number");
    }
    BigDecimal d;
    if (n instanceof BigDecimal bd) {
      d = bd;
    } else if (n instanceof BigInteger bi) {
      d = new BigDecimal(bi);
    } else if (n instanceof Double || n instanceof Float) {
      double x = n.doubleValue();
      if (Double.isNaN(x) || Double.isInfinite(x)) {
        throw ApiException.validation(field, "must be a whole number");
      }
      d = BigDecimal.valueOf(x);
    } else {
      d = BigDecimal.valueOf(n.longValue());
    }
    if (d.stripTrailingZeros().scale() > 0) {
      throw ApiException.validation(field, "must be a whole number");
    }
    if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw ApiException.validation(field, range);
    }
    return d.longValueExact();
  }

  // ---- others

  public boolean requiredBoolean(String field) {
    return optionalBoolean(field)
        .orElseThrow(() -> ApiException.validation(field, "is required"));
  }

  public Optional<Boolean> optionalBoolean(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    if (!(json.getValue(field) instanceof Boolean b)) {
      throw ApiException.validation(field, "must be true or false");
    }
    return Optional.of(b);
  }

  /** A date {@code yyyy-mm-dd}. */
  public Optional<LocalDate> optionalDate(String field) {
    return optionalString(field, 1, 10).map(s -> parseDate(field, s));
  }

  public LocalDate requiredDate(String field) {
    return optionalDate(field).orElseThrow(() -> ApiException.validation(field, "is required"));
  }

  static LocalDate parseDate(String field, String s) {
    try {
      if (!s.matches("\\d{4}-\\d{2}-\\d{2}")) {
        throw new DateTimeParseException("format", s, 0);
      }
      return LocalDate.parse(s);
    } catch (DateTimeParseException ex) {
      throw ApiException.validation(field, "must be a date yyyy-mm-dd");
    }
  }

  /** A list of strings, each 1..maxLength long and, when {@code allowed} is given, one of them. */
  public List<String> stringList(String field, int maxItems, int maxLength, Collection<String> allowed) {
    if (!has(field)) {
      return List.of();
    }
    if (!(json.getValue(field) instanceof JsonArray arr)) {
      throw ApiException.validation(field, "must be a list");
    }
    if (arr.size() > maxItems) {
      throw ApiException.validation(field, "must have at most " + maxItems + " items");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      String name = field + "[" + i + "]";
      if (!(arr.getValue(i) instanceof String s) || s.isBlank()) {
        throw ApiException.validation(name, "must be a non-empty string");
      }
      if (s.length() > maxLength) {
        throw ApiException.validation(name, "must be at most " + maxLength + " characters");
      }
      if (allowed != null && !allowed.contains(s)) {
        throw ApiException.validation(name, "must be one of " + String.join(", ", allowed));
      }
      out.add(s);
    }
    return out;
  }

  public Optional<JsonArray> optionalArray(String field, int maxItems) {
    if (!has(field)) {
      return Optional.empty();
    }
    if (!(json.getValue(field) instanceof JsonArray arr)) {
      throw ApiException.validation(field, "must be a list");
    }
    if (arr.size() > maxItems) {
      throw ApiException.validation(field, "must have at most " + maxItems + " items");
    }
    return Optional.of(arr);
  }

  public Optional<Body> optionalObject(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    if (!(json.getValue(field) instanceof JsonObject o)) {
      throw ApiException.validation(field, "must be an object");
    }
    return Optional.of(new Body(o));
  }
}
