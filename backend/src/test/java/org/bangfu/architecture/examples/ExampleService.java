package org.bangfu.architecture.examples;

/** A well-behaved service. */
public final class ExampleService {
  public String name() {
    return "example";
  }
}
