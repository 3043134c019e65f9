package org.bangfu.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bangfu.demo.DemoContext;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml tells the truth about what the server answers: every documented GET with a JSON
 * schema is called on the demo data, as the administrator, a donor and a village secretary (each
 * sees other fields), and each answer is checked against its schema. The web app's types are
 * generated from those schemas, so a field the server adds, drops or leaves null unannounced fails
 * here instead of in a browser.
 */
@DisplayName("The server's answers are what openapi.yaml says")
class OpenApiResponsesTest {

  static TestApp app;
  static JsonNode document;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.start(TestApp.Data.DEMO);
    document = OpenApiDocument.strictMapper().readTree(OpenApiDocumentTest.document());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @DisplayName("every documented JSON answer of a GET conforms to its schema, for three roles")
  void answersConform() throws Exception {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (String role : List.of("admin", "donor", "village_secretary")) {
      String token = tokenOf(role);
      for (Map.Entry<String, JsonNode> op : jsonGets().entrySet()) {
        String path = fill(op.getKey(), token);
        if (path == null) {
          continue; // nothing of that kind for this role in the demo data
        }
        HttpResponse<Buffer> r = app.call(HttpMethod.GET, "/api/v1" + path, token, null);
        if (r.statusCode() != 200) {
          continue; // not this role's (the access matrix tests who may call what)
        }
        checked++;
        String at = role + " GET " + path;
        problems.addAll(
            new OpenApiSchemaCheck(document)
                .problems(JSON.readTree(r.bodyAsString()), op.getValue(), at));
      }
    }
    assertThat(checked).as("answers checked").isGreaterThan(60);
    // one line per kind of departure: the same field of every item of a list says it once
    Map<String, String> distinct = new LinkedHashMap<>();
    problems.forEach(p -> distinct.putIfAbsent(p.replaceAll("\\[\\d+]", "[]"), p));
    if (!distinct.isEmpty()) {
      fail(
          distinct.size()
              + " departures from openapi.yaml (fix the document, or the server if it is wrong):\n"
              + String.join("\n", distinct.values()));
    }
  }

  @Test
  @DisplayName("the check sees a missing field, an unannounced null and a field the schema lacks")
  void checkFindsDepartures() throws Exception {
    JsonNode need =
        JSON.readTree(app.get("/api/v1/needs?size=1", null).bodyAsString()).path("items").get(0);
    JsonNode schema = JSON.readTree("{\"$ref\": \"#/components/schemas/Need\"}");
    OpenApiSchemaCheck check = new OpenApiSchemaCheck(document);
    assertThat(check.problems(need, schema, "need")).isEmpty();
    com.fasterxml.jackson.databind.node.ObjectNode broken = need.deepCopy();
    broken.remove("title");
    broken.putNull("villageName");
    broken.put("secret", 1);
    broken.put("status", "lost");
    assertThat(check.problems(broken, schema, "need"))
        .containsExactlyInAnyOrder(
            "need: required field title is missing",
            "need.villageName: null, but the schema does not say nullable",
            "need: field secret is not in the schema",
            "need.status: \"lost\" is not one of "
                + document.at("/components/schemas/NeedStatus/enum"));
  }

  /** Path → schema of its 200 JSON answer, for every documented GET that has one. */
  static Map<String, JsonNode> jsonGets() {
    Map<String, JsonNode> out = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> p = paths.next();
      JsonNode schema =
          p.getValue()
              .path("get")
              .path("responses")
              .path("200")
              .path("content")
              .path("application/json")
              .path("schema");
      if (!schema.isMissingNode()) {
        out.put(p.getKey(), schema);
      }
    }
    return out;
  }

  /**
   * The path with its parameters filled from the first item the list above it answers ({@code
   * /needs/{id}} from {@code /needs}); a village from the first need. Null when there is none.
   */
  static String fill(String template, String token) throws Exception {
    String path = template;
    int open;
    while ((open = path.indexOf('{')) >= 0) {
      int close = path.indexOf('}', open);
      String list = path.substring(0, open - 1);
      String value = firstId(list.equals("/villages") ? "/needs" : list, template, token);
      if (value == null) {
        return null;
      }
      path =
          path.substring(0, open)
              + URLEncoder.encode(value, StandardCharsets.UTF_8)
              + path.substring(close + 1);
    }
    return path;
  }

  private static String firstId(String list, String template, String token) throws Exception {
    HttpResponse<Buffer> r = app.call(HttpMethod.GET, "/api/v1" + list, token, null);
    if (r.statusCode() != 200) {
      return null;
    }
    JsonNode first = JSON.readTree(r.bodyAsString()).path("items").path(0);
    boolean village = template.startsWith("/villages/") || list.endsWith("/villages");
    for (String field : village ? List.of("villageId") : List.of("id", "donorId", "villageId")) {
      if (first.hasNonNull(field)) {
        return first.get(field).asText();
      }
    }
    return null;
  }

  private static String tokenOf(String role) {
    DemoContext.Account account =
        app.demoAccounts().stream()
            .filter(a -> a.role().equals(role))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no demo account of role " + role));
    return app.token(account.username(), DemoContext.DEMO_PASSWORD);
  }
}
