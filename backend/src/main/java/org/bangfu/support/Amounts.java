package org.bangfu.support;

/** Limits every quantity shares: needs, pledges, claims, caps, budgets (whole units, 1..10^12). */
public final class Amounts {
  /** The largest quantity the API and the database accept (the CHECKs of the schema). */
  public static final long MAX = 1_000_000_000_000L;

  private Amounts() {}
}
