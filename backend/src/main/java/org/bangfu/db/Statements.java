package org.bangfu.db;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A repository's statement texts built once per shape: a statement assembled from parts (a
 * visibility clause, a join) has the same text for every request of the same shape, and building it
 * again each time cost a busy read path its concatenations, and the pool's statement cache a hash
 * and a comparison of the whole new text. The key is the shape's own text (placeholders such as
 * {@code $2}, never a value), so there are few; a bound keeps it so whatever a caller does.
 */
public final class Statements {
  static final int MAX_SHAPES = 256;

  private final Map<String, String> texts = new ConcurrentHashMap<>();

  /** The statement of {@code shape}, built by {@code build} the first time. */
  public String sql(String shape, Function<String, String> build) {
    String known = texts.get(shape);
    if (known != null) {
      return known;
    }
    String built = build.apply(shape);
    if (texts.size() >= MAX_SHAPES) {
      texts.clear();
    }
    texts.put(shape, built);
    return built;
  }
}
