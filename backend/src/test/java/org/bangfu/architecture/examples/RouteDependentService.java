package org.bangfu.architecture.examples;

/** Breaks "services never depend on routes". */
public final class RouteDependentService {
  public String route(LowerCaseSqlRoutes routes) {
    return routes.query();
  }
}
