package org.bangfu.architecture.examples;

/** Breaks "the money rows are locked only by the ledgers": a need locked outside the ledger. */
public final class NeedLockingRepository {
  static final String LOCK = "SELECT id, quantity FROM needs WHERE id = $1 FOR UPDATE";

  public String lock() {
    return LOCK;
  }
}
