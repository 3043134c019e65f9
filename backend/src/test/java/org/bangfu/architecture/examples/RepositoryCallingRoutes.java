package org.bangfu.architecture.examples;

/** Breaks "routes call services only": a route that calls a repository. */
public final class RepositoryCallingRoutes {
  private final ExampleRepository repository = new ExampleRepository();

  public String get() {
    return repository.byId();
  }
}
