package org.bangfu.support;

import java.util.Map;

/** {@code ?page=1&size=20}, size at most 100; {@link #offset()} for SQL. */
public record Paging(int page, int size) {

  public static final int MAX_SIZE = 100;

  public Paging {
    if (page < 1) {
      throw DomainException.invalid("page", "too_small", "must be at least 1", Map.of("min", 1));
    }
    if (size < 1 || size > MAX_SIZE) {
      throw DomainException.invalid(
          "size",
          "out_of_range",
          "must be between 1 and " + MAX_SIZE,
          Map.of("min", 1, "max", MAX_SIZE));
    }
  }

  public long offset() {
    return (long) (page - 1) * size;
  }
}
