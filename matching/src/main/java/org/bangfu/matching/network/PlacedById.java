package org.bangfu.matching.network;

import java.util.function.IntFunction;

/**
 * New needs placed among needs already in id order: each new one's place found by binary search
 * from the last one's place on, the runs of old needs between them copied whole. A change adds a
 * thousand needs to a round of a million; this sorts only the thousand and compares about thousand
 * × log(million) ids instead of a million.
 */
final class PlacedById {
  private PlacedById() {}

  /**
   * The first {@code kept} entries of {@code old} (in order of {@code idOf}) with every entry of
   * {@code added} (also in that order) placed among them.
   */
  static int[] merge(int[] old, int kept, int[] added, IntFunction<String> idOf) {
    int[] out = new int[kept + added.length];
    int n = 0;
    int from = 0;
    for (int entry : added) {
      String id = idOf.apply(entry);
      int lo = from;
      int hi = kept;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (idOf.apply(old[mid]).compareTo(id) < 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      System.arraycopy(old, from, out, n, lo - from);
      n += lo - from;
      from = lo;
      out[n++] = entry;
    }
    System.arraycopy(old, from, out, n, kept - from);
    return out;
  }
}
