package org.bangfu.architecture.examples;

import io.vertx.ext.web.RoutingContext;

/** Breaks "services know nothing of the web router". */
public final class RouterAwareService {
  public String path(RoutingContext ctx) {
    return ctx.normalizedPath();
  }
}
