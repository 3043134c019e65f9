package org.bangfu.matching.solver;

import java.util.Arrays;

/**
 * Dial's bucket queue for the shortest-path search: reduced distances are non-negative integers
 * that only grow as nodes are settled, and the ones that matter (up to the sink's) are small —
 * about a step of the weights per phase — so keys below {@code BUCKETS} go to a bucket of their own
 * (a linked list of entries) and only larger ones to a binary heap. Lazy deletion as in the heap.
 */
final class BucketQueue {
  private static final int BUCKETS = 1 << 12;
  private final int[] bucketHead = new int[BUCKETS];
  private int[] entryNode = new int[1 << 12];
  private int[] entryNext = new int[1 << 12];
  private int entries;
  private int current;
  private final Heap overflow = new Heap(1024);

  BucketQueue() {
    clear();
  }

  void clear() {
    Arrays.fill(bucketHead, -1);
    entries = 0;
    current = 0;
    overflow.clear();
  }

  void push(long key, int node) {
    if (key >= BUCKETS) {
      overflow.push(key, node);
      return;
    }
    if (entries == entryNode.length) {
      entryNode = Arrays.copyOf(entryNode, entries * 2);
      entryNext = Arrays.copyOf(entryNext, entries * 2);
    }
    int k = (int) key;
    entryNode[entries] = node;
    entryNext[entries] = bucketHead[k];
    bucketHead[k] = entries++;
  }

  private void advance() {
    while (current < BUCKETS && bucketHead[current] < 0) {
      current++;
    }
  }

  boolean isEmpty() {
    advance();
    return current == BUCKETS && overflow.isEmpty();
  }

  long topKey() {
    advance();
    return current < BUCKETS ? current : overflow.topKey();
  }

  /** The node {@link #pop()} would return. */
  int top() {
    advance();
    return current < BUCKETS ? entryNode[bucketHead[current]] : overflow.top();
  }

  int pop() {
    advance();
    if (current < BUCKETS) {
      int e = bucketHead[current];
      bucketHead[current] = entryNext[e];
      return entryNode[e];
    }
    return overflow.pop();
  }

  /** A binary min-heap of (long key, int node) pairs with lazy deletion. */
  private static final class Heap {
    private long[] keys;
    private int[] nodes;
    private int size;

    Heap(int capacity) {
      keys = new long[capacity];
      nodes = new int[capacity];
    }

    void clear() {
      size = 0;
    }

    boolean isEmpty() {
      return size == 0;
    }

    long topKey() {
      return keys[0];
    }

    int top() {
      return nodes[0];
    }

    void push(long key, int node) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        nodes = Arrays.copyOf(nodes, size * 2);
      }
      int i = size++;
      while (i > 0) {
        int p = (i - 1) >>> 1;
        if (keys[p] <= key) {
          break;
        }
        keys[i] = keys[p];
        nodes[i] = nodes[p];
        i = p;
      }
      keys[i] = key;
      nodes[i] = node;
    }

    int pop() {
      int top = nodes[0];
      size--;
      if (size > 0) {
        long key = keys[size];
        int node = nodes[size];
        int i = 0;
        while (true) {
          int c = 2 * i + 1;
          if (c >= size) {
            break;
          }
          if (c + 1 < size && keys[c + 1] < keys[c]) {
            c++;
          }
          if (keys[c] >= key) {
            break;
          }
          keys[i] = keys[c];
          nodes[i] = nodes[c];
          i = c;
        }
        keys[i] = key;
        nodes[i] = node;
      }
      return top;
    }
  }
}
