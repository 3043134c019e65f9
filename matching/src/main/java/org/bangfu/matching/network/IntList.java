package org.bangfu.matching.network;

import java.util.Arrays;

/** A growable list of ints without boxing. */
final class IntList {
  private int[] items;
  private int size;

  IntList() {
    this(8);
  }

  IntList(int capacity) {
    items = new int[Math.max(1, capacity)];
  }

  void add(int value) {
    if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
    }
    items[size++] = value;
  }

  int get(int k) {
    return items[k];
  }

  void set(int k, int value) {
    items[k] = value;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void clear() {
    size = 0;
  }

  int[] toArray() {
    return Arrays.copyOf(items, size);
  }

  /** The values in ascending order, each once. */
  int[] sortedDistinct() {
    int[] a = toArray();
    Arrays.sort(a);
    int k = 0;
    for (int i = 0; i < a.length; i++) {
      if (i == 0 || a[i] != a[i - 1]) {
        a[k++] = a[i];
      }
    }
    return Arrays.copyOf(a, k);
  }

  /** Removes the first occurrence of {@code value}, if any (order not kept). */
  void removeValue(int value) {
    for (int k = 0; k < size; k++) {
      if (items[k] == value) {
        items[k] = items[--size];
        return;
      }
    }
  }
}
