package org.bangfu.architecture.examples;

/** Breaks "repositories never depend on services". */
public final class ServiceDependentRepository {
  public String name(ExampleService service) {
    return service.name();
  }
}
