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
import java.util.Map;
import java.util.Optional;
import org.bangfu.support.DomainException;

/**
 * Typed access to a JSON request body, validating as it reads: a missing required field, a wrong
 * type or an out-of-range value throws {@link DomainException#invalid} naming the field (by its
 * path inside nested objects: {@code hometown.county}) with a stable code, so a bad request is a
 * 400, never a 500. Every string of the body has passed {@link Text#check}.
 */
public final class Body {

  private final JsonObject json;

  /** The path of this object inside the request ({@code ""} at the top, else {@code "a.b."}). */
  private final String prefix;

  private Body(JsonObject json, String prefix) {
    this.json = json;
    this.prefix = prefix;
  }

  /** The request body as a JSON object; an empty body counts as {@code {}}. */
  public static Body of(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().length() <= 0) { // -1: no body was sent
      return new Body(new JsonObject(), "");
    }
    Object value;
    try {
      value = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException ex) {
      throw DomainException.invalid("body", "not_object", "must be a JSON object");
    }
    if (value == null) {
      throw DomainException.invalid("body", "not_object", "must be a JSON object");
    }
    Text.checkTree("", value);
    return new Body((JsonObject) value, "");
  }

  public static Body of(JsonObject json) {
    JsonObject body = json == null ? new JsonObject() : json;
    Text.checkTree("", body);
    return new Body(body, "");
  }

  public JsonObject json() {
    return json;
  }

  /** The full name of a field of this object, as errors name it. */
  public String name(String field) {
    return prefix + field;
  }

  public boolean has(String field) {
    return json.containsKey(field) && json.getValue(field) != null;
  }

  private DomainException invalid(String field, String code, String message) {
    return DomainException.invalid(name(field), code, message, Map.of());
  }

  private DomainException invalid(
      String field, String code, String message, Map<String, Object> p) {
    return DomainException.invalid(name(field), code, message, p);
  }

  /** Fails when the body has fields other than {@code allowed} (catches typos like "quantiy"). */
  public Body only(Collection<String> allowed) {
    for (String k : json.fieldNames()) {
      if (!allowed.contains(k)) {
        throw invalid(k, "unknown_field", "is not a known field");
      }
    }
    return this;
  }

  // ---- text

  public String requiredString(String field, int minLength, int maxLength) {
    return optionalString(field, minLength, maxLength)
        .orElseThrow(() -> invalid(field, "required", "is required"));
  }

  public Optional<String> optionalString(String field, int minLength, int maxLength) {
    if (!has(field)) {
      return Optional.empty();
    }
    Object v = json.getValue(field);
    if (!(v instanceof String s)) {
      throw invalid(field, "not_string", "must be a string");
    }
    String t = s.strip();
    int length = t.codePointCount(0, t.length());
    if (length < minLength) {
      throw minLength <= 1
          ? invalid(field, "empty", "must not be empty")
          : invalid(
              field,
              "too_short",
              "must be at least " + minLength + " characters",
              Map.of("min", minLength));
    }
    if (length > maxLength) {
      throw invalid(
          field,
          "too_long",
          "must be at most " + maxLength + " characters",
          Map.of("max", maxLength));
    }
    return Optional.of(t);
  }

  public String requiredEnum(String field, Collection<String> allowed) {
    return optionalEnum(field, allowed)
        .orElseThrow(() -> invalid(field, "required", "is required"));
  }

  public Optional<String> optionalEnum(String field, Collection<String> allowed) {
    return optionalString(field, 1, 200)
        .map(
            v -> {
              if (!allowed.contains(v)) {
                throw invalid(
                    field,
                    "not_allowed",
                    "must be one of " + String.join(", ", allowed),
                    Map.of("allowed", String.join(", ", allowed)));
              }
              return v;
            });
  }

  // ---- numbers

  public long requiredLong(String field, long min, long max) {
    return optionalLong(field, min, max)
        .orElseThrow(() -> invalid(field, "required", "is required"));
  }

  public Optional<Long> optionalLong(String field, long min, long max) {
    if (!has(field)) {
      return Optional.empty();
    }
    return Optional.of(wholeNumber(name(field), json.getValue(field), min, max));
  }

  public int requiredInt(String field, int min, int max) {
    return (int) requiredLong(field, min, max);
  }

  public Optional<Integer> optionalInt(String field, int min, int max) {
    return optionalLong(field, min, max).map(Long::intValue);
  }

  static long wholeNumber(String field, Object v, long min, long max) {
    if (!(v instanceof Number n)) {
      throw DomainException.invalid(field, "not_whole_number", "must be a whole number");
    }
    BigDecimal d;
    if (n instanceof BigDecimal bd) {
      d = bd;
    } else if (n instanceof BigInteger bi) {
      d = new BigDecimal(bi);
    } else if (n instanceof Double || n instanceof Float) {
      double x = n.doubleValue();
      if (Double.isNaN(x) || Double.isInfinite(x)) {
        throw DomainException.invalid(field, "not_whole_number", "must be a whole number");
      }
      d = BigDecimal.valueOf(x);
    } else {
      d = BigDecimal.valueOf(n.longValue());
    }
    if (d.stripTrailingZeros().scale() > 0) {
      throw DomainException.invalid(field, "not_whole_number", "must be a whole number");
    }
    if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw DomainException.invalid(
          field,
          "out_of_range",
          "must be between " + min + " and " + max,
          Map.of("min", min, "max", max));
    }
    return d.longValueExact();
  }

  // ---- others

  public boolean requiredBoolean(String field) {
    return optionalBoolean(field).orElseThrow(() -> invalid(field, "required", "is required"));
  }

  public Optional<Boolean> optionalBoolean(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    if (!(json.getValue(field) instanceof Boolean b)) {
      throw invalid(field, "not_boolean", "must be true or false");
    }
    return Optional.of(b);
  }

  /** A date {@code yyyy-mm-dd}. */
  public Optional<LocalDate> optionalDate(String field) {
    return optionalString(field, 1, 10).map(s -> parseDate(name(field), s));
  }

  public LocalDate requiredDate(String field) {
    return optionalDate(field).orElseThrow(() -> invalid(field, "required", "is required"));
  }

  static LocalDate parseDate(String field, String s) {
    try {
      if (!s.matches("\\d{4}-\\d{2}-\\d{2}")) {
        throw new DateTimeParseException("format", s, 0);
      }
      return LocalDate.parse(s);
    } catch (DateTimeParseException ex) {
      throw DomainException.invalid(field, "not_date", "must be a date yyyy-mm-dd");
    }
  }

  /** A list of strings, each 1..maxLength long and, when {@code allowed} is given, one of them. */
  public List<String> stringList(
      String field, int maxItems, int maxLength, Collection<String> allowed) {
    if (!has(field)) {
      return List.of();
    }
    JsonArray arr = array(field, maxItems);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      String item = field + "[" + i + "]";
      if (!(arr.getValue(i) instanceof String s) || s.isBlank()) {
        throw invalid(item, "empty", "must be a non-empty string");
      }
      if (s.codePointCount(0, s.length()) > maxLength) {
        throw invalid(
            item,
            "too_long",
            "must be at most " + maxLength + " characters",
            Map.of("max", maxLength));
      }
      if (allowed != null && !allowed.contains(s)) {
        throw invalid(
            item,
            "not_allowed",
            "must be one of " + String.join(", ", allowed),
            Map.of("allowed", String.join(", ", allowed)));
      }
      out.add(s);
    }
    return out;
  }

  public Optional<JsonArray> optionalArray(String field, int maxItems) {
    if (!has(field)) {
      return Optional.empty();
    }
    return Optional.of(array(field, maxItems));
  }

  private JsonArray array(String field, int maxItems) {
    if (!(json.getValue(field) instanceof JsonArray arr)) {
      throw invalid(field, "not_list", "must be a list");
    }
    if (arr.size() > maxItems) {
      throw invalid(
          field,
          "too_many_items",
          "must have at most " + maxItems + " items",
          Map.of("max", maxItems));
    }
    return arr;
  }

  /** A nested object; its fields are named by their path ({@code hometown.county}) in errors. */
  public Optional<Body> optionalObject(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    if (!(json.getValue(field) instanceof JsonObject o)) {
      throw invalid(field, "not_object", "must be an object");
    }
    return Optional.of(new Body(o, name(field) + "."));
  }

  /** The {@code i}-th element of a list field, as an object named {@code field[i]}. */
  public Body element(String field, JsonArray list, int i) {
    String item = field + "[" + i + "]";
    if (!(list.getValue(i) instanceof JsonObject o)) {
      throw invalid(item, "not_object", "must be an object");
    }
    return new Body(o, name(item) + ".");
  }
}
