package org.bangfu.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Accounts, managed by an admin")
class UsersTest {

  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private HttpResponse<Buffer> login(String user, String password) {
    return app.call(
        HttpMethod.POST,
        "/api/v1/auth/login",
        (String) null,
        new JsonObject().put("username", user).put("password", password));
  }

  @Test
  @DisplayName(
      "an admin creates a secretary bound to a village, who then signs in and sees that village as theirs")
  void createSecretary() {
    HttpResponse<Buffer> r =
        app.post(
            "/api/v1/users",
            Account.ADMIN,
            new JsonObject()
                .put("username", "New.Secretary")
                .put("displayName", "新任书记")
                .put("role", "village_secretary")
                .put("villageId", TestFixture.VILLAGE_SAME_TOWNSHIP)
                .put("password", "a-long-password"));
    assertThat(r.statusCode()).isEqualTo(201);
    JsonObject u = r.bodyAsJsonObject();
    assertThat(u.getString("username")).isEqualTo("new.secretary");
    assertThat(u.getString("villageId")).isEqualTo(TestFixture.VILLAGE_SAME_TOWNSHIP);
    assertThat(u.encode()).doesNotContain("a-long-password").doesNotContain("pbkdf2");
    assertThat(r.getHeader("Location")).isEqualTo("/api/v1/users/" + u.getLong("id"));

    HttpResponse<Buffer> signIn = login("new.secretary", "a-long-password");
    assertThat(signIn.statusCode()).isEqualTo(200);
    assertThat(signIn.bodyAsJsonObject().getJsonObject("user").getString("villageId"))
        .isEqualTo(TestFixture.VILLAGE_SAME_TOWNSHIP);
  }

  @Test
  @DisplayName("a role's binding is required and must exist; other roles cannot carry one")
  void bindings() {
    HttpResponse<Buffer> noVillage =
        app.post(
            "/api/v1/users",
            Account.ADMIN,
            new JsonObject()
                .put("username", "no-village")
                .put("displayName", "x")
                .put("role", "village_secretary")
                .put("password", "password-1"));
    assertThat(noVillage.statusCode()).isEqualTo(400);
    assertThat(
            noVillage.bodyAsJsonObject().getJsonArray("fields").getJsonObject(0).getString("field"))
        .isEqualTo("villageId");
    HttpResponse<Buffer> reviewerOfVillage =
        app.post(
            "/api/v1/users",
            Account.ADMIN,
            new JsonObject()
                .put("username", "rev-village")
                .put("displayName", "x")
                .put("role", "reviewer")
                .put("regionId", TestFixture.VILLAGE)
                .put("password", "password-1"));
    assertThat(reviewerOfVillage.statusCode()).isEqualTo(400);
    HttpResponse<Buffer> auditorWithDonor =
        app.post(
            "/api/v1/users",
            Account.ADMIN,
            new JsonObject()
                .put("username", "aud-donor")
                .put("displayName", "x")
                .put("role", "auditor")
                .put("donorId", 1)
                .put("password", "password-1"));
    assertThat(auditorWithDonor.statusCode()).isEqualTo(400);
    HttpResponse<Buffer> shortPassword =
        app.post(
            "/api/v1/users",
            Account.ADMIN,
            new JsonObject()
                .put("username", "short-pw")
                .put("displayName", "x")
                .put("role", "auditor")
                .put("password", "short"));
    assertThat(shortPassword.statusCode()).isEqualTo(400);
    assertThat(shortPassword.bodyAsJsonObject().getString("message")).contains("password");
    HttpResponse<Buffer> badRole =
        app.post(
            "/api/v1/users",
            Account.ADMIN,
            new JsonObject()
                .put("username", "bad-role")
                .put("displayName", "x")
                .put("role", "mayor")
                .put("password", "password-1"));
    assertThat(badRole.statusCode()).isEqualTo(400);
  }

  @Test
  @DisplayName(
      "a binding must exist at the right level: a village for a secretary, a city, county or township for a reviewer, a donor for a donor")
  void bindingsExistAtTheirLevel() {
    HttpResponse<Buffer> secretaryOfTownship =
        app.post(
            "/api/v1/users",
            Account.ADMIN,
            new JsonObject()
                .put("username", "sec-township")
                .put("displayName", "x")
                .put("role", "village_secretary")
                .put("villageId", TestFixture.TOWNSHIP)
                .put("password", "password-1"));
    assertThat(secretaryOfTownship.statusCode()).isEqualTo(400);
    assertThat(
            secretaryOfTownship
                .bodyAsJsonObject()
                .getJsonArray("fields")
                .getJsonObject(0)
                .getString("field"))
        .isEqualTo("villageId");
    HttpResponse<Buffer> unknownDonor =
        app.post(
            "/api/v1/users",
            Account.ADMIN,
            new JsonObject()
                .put("username", "donor-nobody")
                .put("displayName", "x")
                .put("role", "donor")
                .put("donorId", 999999)
                .put("password", "password-1"));
    assertThat(unknownDonor.statusCode()).isEqualTo(400);
    assertThat(
            unknownDonor
                .bodyAsJsonObject()
                .getJsonArray("fields")
                .getJsonObject(0)
                .getString("field"))
        .isEqualTo("donorId");
    HttpResponse<Buffer> townshipReviewer =
        app.post(
            "/api/v1/users",
            Account.ADMIN,
            new JsonObject()
                .put("username", "rev-township")
                .put("displayName", "x")
                .put("role", "reviewer")
                .put("regionId", TestFixture.TOWNSHIP)
                .put("password", "password-1"));
    assertThat(townshipReviewer.statusCode()).isEqualTo(201);
    assertThat(townshipReviewer.bodyAsJsonObject().getString("regionId"))
        .isEqualTo(TestFixture.TOWNSHIP);
    HttpResponse<Buffer> taken =
        app.post(
            "/api/v1/users",
            Account.ADMIN,
            new JsonObject()
                .put("username", "REV-township")
                .put("displayName", "y")
                .put("role", "auditor")
                .put("password", "password-1"));
    assertThat(taken.statusCode()).isEqualTo(409);
  }

  @Test
  @DisplayName("a deactivated account cannot sign in; a new password replaces the old one")
  void deactivateAndReset() {
    long id =
        app.post(
                "/api/v1/users",
                Account.ADMIN,
                new JsonObject()
                    .put("username", "temp-auditor")
                    .put("displayName", "临时审计")
                    .put("role", "auditor")
                    .put("password", "first-password"))
            .bodyAsJsonObject()
            .getLong("id");
    assertThat(login("temp-auditor", "first-password").statusCode()).isEqualTo(200);

    assertThat(
            app.patch(
                    "/api/v1/users/" + id,
                    Account.ADMIN,
                    new JsonObject().put("password", "second-password"))
                .statusCode())
        .isEqualTo(200);
    assertThat(login("temp-auditor", "first-password").statusCode()).isEqualTo(401);
    assertThat(login("temp-auditor", "second-password").statusCode()).isEqualTo(200);

    String token = login("temp-auditor", "second-password").bodyAsJsonObject().getString("token");
    assertThat(app.call(HttpMethod.GET, "/api/v1/me", token, null).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> off =
        app.patch("/api/v1/users/" + id, Account.ADMIN, new JsonObject().put("active", false));
    assertThat(off.bodyAsJsonObject().getBoolean("active")).isFalse();
    assertThat(login("temp-auditor", "second-password").statusCode()).isEqualTo(401);
    HttpResponse<Buffer> stale = app.call(HttpMethod.GET, "/api/v1/me", token, null);
    assertThat(stale.statusCode())
        .as("a token issued before deactivation stops working")
        .isEqualTo(401);
    assertThat(stale.bodyAsJsonObject().getString("message")).contains("no longer active");
  }

  @Test
  @DisplayName("the list is paged and can be filtered by role")
  void listing() {
    HttpResponse<Buffer> page = app.get("/api/v1/users?role=donor&size=1&page=2", Account.ADMIN);
    assertThat(page.statusCode()).isEqualTo(200);
    JsonObject body = page.bodyAsJsonObject();
    assertThat(body.getLong("total")).isEqualTo(2);
    assertThat(body.getInteger("page")).isEqualTo(2);
    assertThat(body.getJsonArray("items")).hasSize(1);
    assertThat(body.getJsonArray("items").getJsonObject(0).getString("role")).isEqualTo("donor");
    assertThat(app.get("/api/v1/users?role=mayor", Account.ADMIN).statusCode()).isEqualTo(400);
  }

  @Test
  @DisplayName(
      "a password changed in the database by any path ends the account's tokens, cache or not")
  void changedOutsideTheApi() throws Exception {
    long id =
        app.post(
                "/api/v1/users",
                Account.ADMIN,
                new JsonObject()
                    .put("username", "sql-auditor")
                    .put("displayName", "直改审计")
                    .put("role", "auditor")
                    .put("password", "first-password"))
            .bodyAsJsonObject()
            .getLong("id");
    String token = login("sql-auditor", "first-password").bodyAsJsonObject().getString("token");
    for (int i = 0; i < 3; i++) {
      assertThat(app.call(HttpMethod.GET, "/api/v1/me", token, null).statusCode()).isEqualTo(200);
    }
    assertThat(app.appContext().accounts().size()).as("the token check is cached").isPositive();
    app.pool()
        .preparedQuery("UPDATE users SET password_hash = 'reset-by-an-operator' WHERE id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(id))
        .await();
    // the database's notice reaches the node asynchronously, within moments
    int status = 200;
    for (long end = System.nanoTime() + 5_000_000_000L;
        status == 200 && System.nanoTime() < end; ) {
      status = app.call(HttpMethod.GET, "/api/v1/me", token, null).statusCode();
      if (status == 200) {
        Thread.sleep(20);
      }
    }
    assertThat(status).as("the old token after the password changed in SQL").isEqualTo(401);
  }
}
