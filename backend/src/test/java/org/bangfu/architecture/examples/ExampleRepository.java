package org.bangfu.architecture.examples;

/** A repository (its SQL is allowed here). */
public final class ExampleRepository {
  static final String BY_ID = "SELECT id FROM donors WHERE id = $1";

  public String byId() {
    return BY_ID;
  }
}
