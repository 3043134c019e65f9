package org.bangfu.architecture.examples;

/** Breaks "only the composition root builds services": a route that makes its own service. */
public final class ServiceMakingRoutes {
  private final ExampleService service = new ExampleService();

  public String name() {
    return service.name();
  }
}
