package org.bangfu.allocations;

/** The ledger's own status refreshes, for tests elsewhere that check data against them. */
public final class LedgerStatements {
  /** {@code $1}: need ids; sets each need's status from its counters and allocations. */
  public static final String REFRESH_NEEDS = Ledger.REFRESH_NEEDS;

  /** {@code $1}: pledge ids; open or exhausted from the counters. */
  public static final String REFRESH_PLEDGES = Ledger.REFRESH_PLEDGES;

  private LedgerStatements() {}
}
