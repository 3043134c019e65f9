package org.bangfu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The OpenAPI document is the whole API: every mounted route is in it, and nothing else. */
@DisplayName("openapi.yaml and the mounted routes")
class OpenApiCoverageTest {

  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestApp.Data.EMPTY);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** "GET /needs/{id}" for each method and path the API router mounts. */
  static Set<String> mounted(Router api) {
    Set<String> out = new TreeSet<>();
    List<Route> routes = new ArrayList<>();
    for (Route r : api.getRoutes()) {
      routes.add(r);
      // the features' routes, each in the group of its first path segment
      if (r.getMetadata(RoutesBySegment.METADATA_KEY) instanceof RoutesBySegment groups) {
        routes.addAll(groups.routes());
      }
    }
    for (Route r : routes) {
      if (r.getPath() == null || r.methods() == null || r.methods().isEmpty()) {
        continue; // handlers for every path: token parsing, body, the JSON 404
      }
      String path = r.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      for (HttpMethod m : r.methods()) {
        out.add(m.name() + " " + path);
      }
    }
    return out;
  }

  /** The same from the document's paths section (a line-level reading of its fixed layout). */
  static Set<String> documented() throws IOException {
    String yaml;
    try (InputStream in =
        OpenApiCoverageTest.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
      assertThat(in).as("openapi.yaml on the classpath").isNotNull();
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Set<String> out = new TreeSet<>();
    Pattern pathLine = Pattern.compile("^  (/\\S*):\\s*$");
    Pattern methodLine = Pattern.compile("^    (get|post|put|patch|delete|head|options):\\s*$");
    boolean inPaths = false;
    String path = null;
    for (String line : yaml.split("\n")) {
      if (line.startsWith("paths:")) {
        inPaths = true;
        continue;
      }
      if (inPaths && !line.isEmpty() && !line.startsWith(" ") && !line.startsWith("#")) {
        inPaths = false;
      }
      if (!inPaths) {
        continue;
      }
      Matcher p = pathLine.matcher(line);
      if (p.matches()) {
        path = p.group(1);
        continue;
      }
      Matcher m = methodLine.matcher(line);
      if (m.matches() && path != null) {
        out.add(m.group(1).toUpperCase() + " " + path);
      }
    }
    return out;
  }

  @Test
  @DisplayName("every route under /api/v1 is documented, and every documented operation is mounted")
  void sameOperations() throws IOException {
    Router api = HttpVerticle.apiRouter(app.vertx(), app.api(), new ErrorHandler());
    Set<String> mounted = mounted(api);
    Set<String> documented = documented();
    assertThat(mounted)
        .contains("POST /auth/login", "GET /me", "GET /regions", "GET /openapi.yaml");
    Set<String> undocumented = new TreeSet<>(mounted);
    undocumented.removeAll(documented);
    Set<String> unmounted = new TreeSet<>(documented);
    unmounted.removeAll(mounted);
    assertThat(undocumented).as("mounted but missing from openapi.yaml").isEmpty();
    assertThat(unmounted).as("in openapi.yaml but not mounted").isEmpty();
  }

  @Test
  @DisplayName("every documented operation states who may call it (x-roles)")
  void everyOperationHasRoles() throws IOException {
    String yaml =
        new String(
            getClass().getClassLoader().getResourceAsStream("openapi.yaml").readAllBytes(),
            StandardCharsets.UTF_8);
    long operations = documented().size();
    long roles = yaml.lines().filter(l -> l.matches("^      x-roles: \\[.+]\\s*$")).count();
    assertThat(roles).isEqualTo(operations);
  }
}
