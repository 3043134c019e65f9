package org.bangfu.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The access matrix from {@code access-matrix.csv}: each row is one call by one account and the
 * status it must get. Refusals must be JSON with the right error code.
 */
@DisplayName("Access matrix: each role against each endpoint")
class AccessMatrixTest {

  static TestApp app;
  static Map<String, String> placeholders;

  record Row(int line, String method, String path, String account, int expected, String body) {}

  @BeforeAll
  static void start() {
    app = TestApp.start();
    long auditorId =
        app.pool()
            .preparedQuery("SELECT id FROM users WHERE username = $1")
            .execute(Tuple.of(Account.AUDITOR.username))
            .await()
            .iterator()
            .next()
            .getLong(0);
    placeholders =
        Map.of(
            "{village}",
            TestFixture.VILLAGE,
            "{otherVillage}",
            TestFixture.OTHER_VILLAGE,
            "{county}",
            TestFixture.COUNTY,
            "{township}",
            TestFixture.TOWNSHIP,
            "{otherCounty}",
            TestFixture.OTHER_COUNTY,
            "{otherTownship}",
            TestFixture.OTHER_TOWNSHIP,
            "{donor}",
            Long.toString(TestFixture.DONOR),
            "{otherDonor}",
            Long.toString(TestFixture.OTHER_DONOR),
            "{campaign}",
            Long.toString(TestFixture.CAMPAIGN),
            "{userId}",
            Long.toString(auditorId));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static List<Row> rows() throws IOException {
    List<Row> rows = new ArrayList<>();
    try (InputStream in = AccessMatrixTest.class.getResourceAsStream("/access-matrix.csv")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].strip();
        if (line.isEmpty() || line.startsWith("#") || line.startsWith("method,")) {
          continue;
        }
        String[] f = line.split(",", 5);
        if (f.length < 4) {
          throw new IllegalArgumentException(
              "access-matrix.csv line " + (i + 1) + ": too few columns");
        }
        String body = f.length == 5 ? f[4].strip() : "";
        if (body.startsWith("'") && body.endsWith("'")) {
          body = body.substring(1, body.length() - 1);
        }
        rows.add(
            new Row(
                i + 1,
                f[0].strip(),
                f[1].strip(),
                f[2].strip(),
                Integer.parseInt(f[3].strip()),
                body));
      }
    }
    return rows;
  }

  private static String fill(String s) {
    for (var e : placeholders.entrySet()) {
      s = s.replace(e.getKey(), e.getValue());
    }
    // the allocations the matrix itself makes (a claim, then a round's proposal), by what they
    // are rather than by an id a sequence happened to give them
    if (s.contains("{claim}")) {
      s = s.replace("{claim}", firstAllocation("round_id IS NULL"));
    }
    if (s.contains("{proposal}")) {
      s = s.replace("{proposal}", firstAllocation("round_id IS NOT NULL"));
    }
    return s;
  }

  private static String firstAllocation(String which) {
    return app.pool()
        .query("SELECT min(id) FROM allocations WHERE " + which)
        .execute()
        .await()
        .iterator()
        .next()
        .getLong(0)
        .toString();
  }

  @TestFactory
  Stream<DynamicTest> matrix() throws IOException {
    List<Row> rows = rows();
    assertThat(rows).hasSizeGreaterThan(40);
    return rows.stream()
        .map(
            row ->
                DynamicTest.dynamicTest(
                    "line "
                        + row.line()
                        + ": "
                        + row.account()
                        + " "
                        + row.method()
                        + " "
                        + row.path()
                        + " → "
                        + row.expected(),
                    () -> check(row)));
  }

  private void check(Row row) {
    String token =
        row.account().equals("anonymous")
            ? null
            : app.token(Account.valueOf(row.account().toUpperCase(Locale.ROOT)));
    Object body = row.body().isEmpty() ? null : new JsonObject(fill(row.body()));
    HttpResponse<Buffer> r =
        app.call(HttpMethod.valueOf(row.method()), fill(row.path()), token, body);
    assertThat(r.statusCode())
        .as("%s %s as %s: %s", row.method(), row.path(), row.account(), r.bodyAsString())
        .isEqualTo(row.expected());
    if (row.expected() == 401 || row.expected() == 403) {
      assertThat(r.bodyAsJsonObject().getString("error"))
          .isEqualTo(row.expected() == 401 ? "unauthorized" : "forbidden");
    }
  }
}
