package org.bangfu.architecture.examples;

/** Breaks "SQL only in repositories": a join written in a service. */
public final class SqlInService {
  static final String JOIN =
      """
      SELECT n.id, a.id FROM needs n JOIN allocations a ON a.need_id = n.id
       WHERE n.village_id = $1""";

  public String join() {
    return JOIN;
  }
}
