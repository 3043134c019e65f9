package org.bangfu.support;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: its items, how many match in all, and which page of what size it is. {@code
 * totalCapped}: there are more matches than {@code total} (counts stop at {@link
 * org.bangfu.db.Listing#COUNT_CAP}).
 */
public record Page<T>(List<T> items, long total, int page, int size, boolean totalCapped) {
  public Page {
    items = List.copyOf(items);
  }

  public Page(List<T> items, long total, int page, int size) {
    this(items, total, page, size, false);
  }

  public <R> Page<R> map(Function<T, R> f) {
    return new Page<>(items.stream().map(f).toList(), total, page, size, totalCapped);
  }
}
