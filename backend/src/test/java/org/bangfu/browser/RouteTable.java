package org.bangfu.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web app's routes as its router declares them (web/src/router/index.ts), read as text so the
 * walker follows every screen a helper adds without a list of its own: each route's name, path, the
 * roles that may open it and its walk hints ({@code meta.walk}: the element that says the screen
 * has loaded, the tabs to open, the rows of a work list).
 */
final class RouteTable {

  /** One route; {@code roles} empty for a public screen. */
  record Route(
      String name,
      String path,
      List<String> roles,
      String ready,
      List<String> tabs,
      String workRows,
      String noDue) {

    boolean hasParams() {
      return path.contains(":");
    }

    /**
     * The path with every parameter ({@code :id}, {@code :year(\\d+)}) replaced by {@code value}.
     */
    String fill(String value) {
      return path.replaceAll(":\\w+(\\([^)]*\\))?", value);
    }
  }

  private static final Pattern NAME = Pattern.compile("\\bname:\\s*'([^']+)'");
  private static final Pattern PATH = Pattern.compile("\\bpath:\\s*'([^']+)'");
  private static final Pattern ROLES = Pattern.compile("\\broles:\\s*\\[([^\\]]*)\\]");
  private static final Pattern READY = Pattern.compile("\\bready:\\s*'([^']+)'");
  private static final Pattern TABS = Pattern.compile("\\btabs:\\s*\\[([^\\]]*)\\]");
  private static final Pattern WORK_ROWS = Pattern.compile("\\bworkList:\\s*'([^']+)'");
  private static final Pattern NO_DUE = Pattern.compile("\\bnoDue:\\s*'([^']+)'");
  private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

  private RouteTable() {}

  static Path routerFile() {
    // surefire runs in backend/; the router lives in the repository's web/
    Path here = Path.of("").toAbsolutePath();
    Path root = Files.exists(here.resolve("web")) ? here : here.getParent();
    return root.resolve("web/src/router/index.ts");
  }

  /** Every route of the router, in its order. */
  static List<Route> read() {
    String source;
    try {
      source = Files.readString(routerFile());
    } catch (IOException ex) {
      throw new IllegalStateException("cannot read the router " + routerFile(), ex);
    }
    if (source.contains("children:")) {
      throw new AssertionError("the router has nested routes, which the walker does not read yet");
    }
    List<Route> routes = new ArrayList<>();
    for (String entry : entries(source)) {
      routes.add(route(entry));
    }
    if (routes.size() < 10) {
      throw new AssertionError("read only " + routes.size() + " routes from " + routerFile());
    }
    return routes;
  }

  private static Route route(String entry) {
    String name = first(NAME, entry);
    String path = first(PATH, entry);
    if (name == null || path == null) {
      throw new AssertionError("a route without a name or a path: " + entry);
    }
    return new Route(
        name,
        path.replace("\\\\", "\\"),
        quoted(first(ROLES, entry)),
        first(READY, entry),
        quoted(first(TABS, entry)),
        first(WORK_ROWS, entry),
        first(NO_DUE, entry));
  }

  /** The top-level objects of the array {@code export const routes ... = [ ... ]}. */
  private static List<String> entries(String source) {
    int start = source.indexOf("= [", source.indexOf("export const routes")) + 2;
    List<String> out = new ArrayList<>();
    int depth = 0;
    int from = -1;
    boolean inString = false;
    for (int i = start + 1; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '\'') {
        inString = !inString;
      } else if (inString) {
        continue;
      } else if (c == '/' && source.charAt(i + 1) == '/') {
        i = source.indexOf('\n', i);
      } else if (c == '{' && depth++ == 0) {
        from = i;
      } else if (c == '}' && --depth == 0) {
        out.add(source.substring(from, i + 1));
      } else if (c == ']' && depth == 0) {
        break;
      }
    }
    return out;
  }

  private static String first(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  private static List<String> quoted(String list) {
    if (list == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    Matcher m = QUOTED.matcher(list);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static String describe(List<Route> routes) {
    return Arrays.toString(routes.stream().map(Route::path).toArray());
  }
}
