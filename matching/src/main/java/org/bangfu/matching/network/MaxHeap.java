package org.bangfu.matching.network;

import java.util.Arrays;

/** A binary max-heap of (long key, int value) pairs. */
final class MaxHeap {
  private long[] keys = new long[64];
  private int[] values = new int[64];
  private int size;

  boolean isEmpty() {
    return size == 0;
  }

  long topKey() {
    return keys[0];
  }

  void push(long key, int value) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int p = (i - 1) >>> 1;
      if (keys[p] >= key) {
        break;
      }
      keys[i] = keys[p];
      values[i] = values[p];
      i = p;
    }
    keys[i] = key;
    values[i] = value;
  }

  int pop() {
    int top = values[0];
    size--;
    if (size > 0) {
      long key = keys[size];
      int value = values[size];
      int i = 0;
      while (true) {
        int c = 2 * i + 1;
        if (c >= size) {
          break;
        }
        if (c + 1 < size && keys[c + 1] > keys[c]) {
          c++;
        }
        if (keys[c] <= key) {
          break;
        }
        keys[i] = keys[c];
        values[i] = values[c];
        i = c;
      }
      keys[i] = key;
      values[i] = value;
    }
    return top;
  }
}
