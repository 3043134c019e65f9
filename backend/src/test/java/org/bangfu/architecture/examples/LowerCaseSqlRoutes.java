package org.bangfu.architecture.examples;

/** Breaks "SQL only in repositories": lower-case SQL in a route. */
public final class LowerCaseSqlRoutes {
  static final String QUERY = "select id, name from donors where id = $1";

  public String query() {
    return QUERY;
  }
}
