package org.bangfu.http;

/** {@code ?page=1&size=20}, size at most 100; {@link #offset()} for SQL. */
public record Paging(int page, int size) {

  public static final int MAX_SIZE = 100;

  public Paging {
    if (page < 1) {
      throw ApiException.validation("page", "must be at least 1");
    }
    if (size < 1 || size > MAX_SIZE) {
      throw ApiException.validation("size", "must be between 1 and " + MAX_SIZE);
    }
  }

  public long offset() {
    return (long) (page - 1) * size;
  }
}
