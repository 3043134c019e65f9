package org.bangfu.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routes grouped by the first segment of their path ({@code /needs/:id} in the group "needs"), each
 * group a router of its own, so that a request tries only the routes of its own first segment.
 *
 * <p>A Vert.x router tries its routes one after another, and every route with a parameter in its
 * path is matched with a new {@code Matcher} on a new substring of the request's path, whatever the
 * route's method (the method is compared after the path, to tell 405 from 404): in one table of
 * some 250 routes, {@code GET /needs/{id}} tried about forty path patterns before its own. A group
 * holds its routes with their full paths in the order they were mounted, and runs under the same
 * mount point as the table it replaces, so what matches a request, in which order, and what its
 * handlers see (path parameters, mount point, the 404 of the table's last route when nothing
 * matches) are as before: a request's first segment is the only thing that can select a route with
 * that literal first segment.
 */
public final class RoutesBySegment {

  /** The route metadata key under which the dispatching route names its groups. */
  public static final String METADATA_KEY = "bangfu.routesBySegment";

  private static final Set<String> MOUNTING = Set.of("get", "post", "put", "patch", "delete");

  private final Vertx vertx;
  private final Map<String, Router> groups = new LinkedHashMap<>();

  public RoutesBySegment(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * A router to mount routes on with {@code get}, {@code post}, {@code put}, {@code patch} or
   * {@code delete} and a literal first path segment; each lands in its segment's group. Anything
   * else is refused at start, so that no route ends up where a request would not look for it.
   */
  public Router mountable() {
    return (Router)
        Proxy.newProxyInstance(
            Router.class.getClassLoader(), new Class<?>[] {Router.class}, this::mount);
  }

  private Object mount(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "routes by segment " + groups.keySet();
      };
    }
    if (!MOUNTING.contains(method.getName())
        || args == null
        || args.length != 1
        || !(args[0] instanceof String path)) {
      throw new UnsupportedOperationException(
          "features mount a route with get/post/put/patch/delete and its path, not "
              + method.getName());
    }
    try {
      return method.invoke(group(path), args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private Router group(String path) {
    String segment = segment(path, 0);
    if (segment.isEmpty() || segment.startsWith(":") || segment.contains("*")) {
      throw new IllegalArgumentException(
          "a route's path must begin with a literal segment: " + path);
    }
    return groups.computeIfAbsent(segment, s -> Router.router(vertx));
  }

  /** The segment of {@code path} after the slash at {@code from} ("" when there is none). */
  static String segment(String path, int from) {
    if (path.length() <= from || path.charAt(from) != '/') {
      return "";
    }
    int end = path.indexOf('/', from + 1);
    return path.substring(from + 1, end < 0 ? path.length() : end);
  }

  /**
   * Adds the handler that passes each request to the group of its first segment below the router's
   * mount point, or on to the router's next route when there is no such group (or the group has no
   * route for it).
   */
  public void dispatchOn(Router router) {
    router.route().putMetadata(METADATA_KEY, this).handler(this::dispatch);
  }

  private void dispatch(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    String mount = ctx.mountPoint();
    int from = mount == null ? 0 : mount.endsWith("/") ? mount.length() - 1 : mount.length();
    Router group = path == null ? null : groups.get(segment(path, from));
    if (group == null) {
      ctx.next();
    } else {
      group.handleContext(ctx);
    }
  }

  /** Every route of every group, in mounting order within each. */
  public List<Route> routes() {
    List<Route> all = new ArrayList<>();
    groups.values().forEach(g -> all.addAll(g.getRoutes()));
    return all;
  }
}
