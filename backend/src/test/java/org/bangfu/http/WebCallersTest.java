package org.bangfu.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Nothing is left to the API: every operation a role may call (openapi.yaml, {@code x-roles}) is
 * called by the web app — read from its sources by {@link WebCalls} — unless it is named in {@code
 * web-callers/api-only.txt} with the reason no person calls it, or, for the time being, in {@code
 * web-callers/screens-being-built.txt} with the feature whose screen is being built. The test
 * prints every role's operations with their callers, and both lists.
 */
@DisplayName("Every operation of the API has a screen, or a reason why not")
class WebCallersTest {

  /** An operation of openapi.yaml with the roles that may call it. */
  record Operation(String method, String path, String roles) {
    String key() {
      return method + " " + path;
    }
  }

  static List<Operation> operations;
  static WebCalls.Found found;

  @BeforeAll
  static void read() throws IOException {
    operations = documented();
    Path here = Path.of("").toAbsolutePath();
    Path web = (Files.exists(here.resolve("web")) ? here : here.getParent()).resolve("web/src");
    assertThat(web).as("the web app's sources").isDirectory();
    found = WebCalls.read(web);
  }

  /** The operations with their {@code x-roles}, read line by line from the document's layout. */
  static List<Operation> documented() throws IOException {
    String yaml;
    try (InputStream in =
        WebCallersTest.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Pattern pathLine = Pattern.compile("^  (/\\S*):\\s*$");
    Pattern methodLine = Pattern.compile("^    (get|post|put|patch|delete):\\s*$");
    Pattern rolesLine = Pattern.compile("^      x-roles: \\[(.+)]\\s*$");
    List<Operation> out = new ArrayList<>();
    String path = null;
    String method = null;
    for (String line : yaml.split("\n")) {
      Matcher p = pathLine.matcher(line);
      Matcher m = methodLine.matcher(line);
      Matcher r = rolesLine.matcher(line);
      if (p.matches()) {
        path = p.group(1);
      } else if (m.matches()) {
        method = m.group(1).toUpperCase();
      } else if (r.matches() && path != null && method != null) {
        out.add(new Operation(method, path, r.group(1)));
        method = null;
      }
    }
    return out;
  }

  /** {@code METHOD /path — why}, one a line; # starts a comment. */
  static Map<String, String> listed(String name) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (InputStream in = WebCallersTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split(" — ", 2);
        assertThat(parts).as(name + ": '" + line + "' names the reason after ' — '").hasSize(2);
        assertThat(parts[1].trim()).as(name + ": " + line).isNotEmpty();
        out.put(parts[0].trim(), parts[1].trim());
      }
    }
    return out;
  }

  static List<String> callersOf(Operation op) {
    return found.calls().stream()
        .filter(c -> WebCalls.reaches(c, op.method(), op.path()))
        .map(WebCalls.Call::where)
        .toList();
  }

  @Test
  @DisplayName("the web app's calls are read, each reaches a documented operation")
  void callsAreReadable() {
    assertThat(found.unreadable()).as("calls whose path this test cannot read").isEmpty();
    assertThat(found.calls()).hasSizeGreaterThan(100);
    List<String> unknown =
        found.calls().stream()
            .filter(
                c ->
                    operations.stream()
                        .noneMatch(op -> WebCalls.reaches(c, op.method(), op.path())))
            .map(c -> c.where() + " " + c.method() + " " + c.path())
            .toList();
    assertThat(unknown).as("calls of no documented operation").isEmpty();
  }

  @Test
  @DisplayName(
      "every operation has a caller in the web app, is API-only with a reason, or is being built")
  void everyOperationHasACaller() throws IOException {
    Map<String, String> apiOnly = listed("web-callers/api-only.txt");
    Map<String, String> building = listed("web-callers/screens-being-built.txt");
    var keys = operations.stream().map(Operation::key).toList();
    assertThat(keys).as("api-only.txt names documented operations").containsAll(apiOnly.keySet());
    assertThat(keys)
        .as("screens-being-built.txt names documented operations")
        .containsAll(building.keySet());
    print(apiOnly, building);

    List<String> calledApiOnly =
        operations.stream()
            .filter(op -> apiOnly.containsKey(op.key()) && !callersOf(op).isEmpty())
            .map(op -> op.key() + " ← " + callersOf(op))
            .toList();
    assertThat(calledApiOnly).as("listed as API-only, yet a screen calls them").isEmpty();
    List<String> builtAlready =
        operations.stream()
            .filter(op -> building.containsKey(op.key()) && !callersOf(op).isEmpty())
            .map(op -> op.key() + " ← " + callersOf(op))
            .toList();
    assertThat(builtAlready)
        .as("listed as being built, yet a screen calls them: take them off the list")
        .isEmpty();
    List<String> missing =
        operations.stream()
            .filter(op -> !apiOnly.containsKey(op.key()) && !building.containsKey(op.key()))
            .filter(op -> callersOf(op).isEmpty())
            .map(op -> op.key() + " " + op.roles())
            .toList();
    assertThat(missing)
        .as(
            "operations a role may call with no screen calling them (add one, or name it in"
                + " web-callers/api-only.txt with the reason)")
        .isEmpty();
  }

  /** Every role's operations with their callers, then the two lists. */
  static void print(Map<String, String> apiOnly, Map<String, String> building) {
    Map<String, List<String>> byRole = new TreeMap<>();
    for (Operation op : operations) {
      List<String> callers = callersOf(op);
      String how =
          !callers.isEmpty()
              ? "← " + new TreeSet<>(callers.stream().map(w -> w.split(":")[0]).toList())
              : apiOnly.containsKey(op.key())
                  ? "API-only: " + apiOnly.get(op.key())
                  : building.containsKey(op.key())
                      ? "SCREEN BEING BUILT: " + building.get(op.key())
                      : "NO CALLER";
      for (String role : op.roles().split(",\\s*")) {
        byRole.computeIfAbsent(role, r -> new ArrayList<>()).add(op.key() + "  " + how);
      }
    }
    StringBuilder b =
        new StringBuilder("\nThe API's operations by role (x-roles) and their callers\n");
    byRole.forEach(
        (role, ops) -> {
          b.append("\n[").append(role).append("]\n");
          ops.forEach(o -> b.append("  ").append(o).append('\n'));
        });
    b.append("\nScreens being built (the lead empties this list after merging):\n");
    building.forEach((k, v) -> b.append("  ").append(k).append(" — ").append(v).append('\n'));
    b.append("\nAPI-only (called by other systems, not by people):\n");
    apiOnly.forEach((k, v) -> b.append("  ").append(k).append(" — ").append(v).append('\n'));
    System.out.println(b);
  }
}
