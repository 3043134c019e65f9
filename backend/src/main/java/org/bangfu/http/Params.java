package org.bangfu.http;

import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.support.DomainException;
import org.bangfu.support.Paging;

/**
 * Typed access to path and query parameters, validating as it reads (see {@link Body}): {@code
 * ?size=abc} is a 400 naming {@code size}, never a 500; every value has passed {@link Text#check}.
 */
public final class Params {

  private final RoutingContext ctx;

  private Params(RoutingContext ctx) {
    this.ctx = ctx;
  }

  public static Params of(RoutingContext ctx) {
    return new Params(ctx);
  }

  /** A numeric id from the path ({@code /needs/:id}); a malformed one is a 404 (no such thing). */
  public long pathId(String name) {
    String v = ctx.pathParam(name);
    try {
      long id = Long.parseLong(v);
      if (id < 1) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException | NullPointerException ex) {
      throw DomainException.notFound(name + " " + (v == null ? "" : v.replace('\u0000', '?')));
    }
  }

  public String path(String name) {
    String v = ctx.pathParam(name);
    if (v == null || v.isBlank()) {
      throw DomainException.invalid(name, "required", "is required");
    }
    return Text.check(name, v);
  }

  public Optional<String> optionalString(String name, int maxLength) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    v = Text.check(name, v.strip());
    if (v.codePointCount(0, v.length()) > maxLength) {
      throw DomainException.invalid(
          name,
          "too_long",
          "must be at most " + maxLength + " characters",
          Map.of("max", maxLength));
    }
    return Optional.of(v);
  }

  public String requiredString(String name, int maxLength) {
    return optionalString(name, maxLength)
        .orElseThrow(() -> DomainException.invalid(name, "required", "is required"));
  }

  public Optional<String> optionalEnum(String name, Collection<String> allowed) {
    return optionalString(name, 200)
        .map(
            v -> {
              if (!allowed.contains(v)) {
                throw DomainException.invalid(
                    name,
                    "not_allowed",
                    "must be one of " + String.join(", ", allowed),
                    Map.of("allowed", String.join(", ", allowed)));
              }
              return v;
            });
  }

  public Optional<Long> optionalLong(String name, long min, long max) {
    return optionalString(name, 30)
        .map(
            v -> {
              long n;
              try {
                n = Long.parseLong(v);
              } catch (NumberFormatException ex) {
                throw DomainException.invalid(name, "not_whole_number", "must be a whole number");
              }
              if (n < min || n > max) {
                throw DomainException.invalid(
                    name,
                    "out_of_range",
                    "must be between " + min + " and " + max,
                    Map.of("min", min, "max", max));
              }
              return n;
            });
  }

  public Optional<Integer> optionalInt(String name, int min, int max) {
    return optionalLong(name, min, max).map(Long::intValue);
  }

  public Optional<Boolean> optionalBoolean(String name) {
    return optionalString(name, 5)
        .map(
            v ->
                switch (v) {
                  case "true" -> true;
                  case "false" -> false;
                  default ->
                      throw DomainException.invalid(name, "not_boolean", "must be true or false");
                });
  }

  public Optional<LocalDate> optionalDate(String name) {
    return optionalString(name, 10).map(v -> Body.parseDate(name, v));
  }

  /**
   * Repeated or comma-separated values: {@code ?category=a&category=b} or {@code ?category=a,b}.
   */
  public List<String> list(String name, Collection<String> allowed) {
    List<String> out =
        ctx.queryParam(name).stream()
            .flatMap(v -> List.of(v.split(",")).stream())
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .map(s -> Text.check(name, s))
            .toList();
    if (allowed != null) {
      for (String v : out) {
        if (!allowed.contains(v)) {
          throw DomainException.invalid(
              name,
              "not_allowed",
              "must be one of " + String.join(", ", allowed),
              Map.of("allowed", String.join(", ", allowed)));
        }
      }
    }
    return out;
  }

  /** {@code ?page=1&size=20} with the API's defaults and limits. */
  public Paging paging() {
    return new Paging(
        optionalInt("page", 1, Integer.MAX_VALUE).orElse(1),
        optionalInt("size", 1, Paging.MAX_SIZE).orElse(20));
  }
}
