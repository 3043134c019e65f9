package org.bangfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.browser.RouteTable.Route;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Dimension;

/**
 * Every route of the web app's router walked on the demo data, in Chinese and in English, on a 390
 * × 844 phone and a 1440 × 900 screen, each as a demo account of a role the route allows (public
 * screens signed out): no untranslated catalogue key, no English word outside the data on a Chinese
 * screen, no broken value, no sideways scrolling on the phone, every row of a work list with its
 * status and due date. The routes are read from the router, so a new screen is walked as soon as it
 * is routed. It takes long (about 200 page loads), so it runs on its own, outside {@code mvn
 * verify}: {@code mvn -B -P walk -pl backend -am test -Dtest=RouteWalkTest
 * -Dsurefire.failIfNoSpecifiedTests=false}. The dashboard's figures against SQL stay in {@link
 * WorkspacesWalkTest}, which runs in every build.
 */
@org.junit.jupiter.api.Tag("walk")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Every route in both languages, on a phone and a desktop")
class RouteWalkTest extends InBrowser {
  private static final String PASSWORD = "bangfu2018";
  static final Dimension PHONE = new Dimension(390, 844);
  static final Dimension WIDE = new Dimension(1440, 900);

  /** The demo account that opens a route for each role, the route's first listed role first. */
  static final Map<String, String> ACCOUNT_OF_ROLE =
      Map.of(
          "village_secretary", "shuji-anxi",
          "reviewer", "fpb-anxi",
          "donor", "qiye-1",
          "united_front", "tongzhan",
          "auditor", "shenji",
          "admin", "admin");

  /** Routes that are not screens of their own, with the reason. */
  static final Map<String, String> EXCLUDED =
      Map.of(
          "home", "only sends a visitor to the board or to the workspace of their role",
          "not-found", "the catch-all of unknown addresses; no route leads to it");

  /**
   * The value of a route's parameters on the demo data, by the route's name: one SQL answer, given
   * the walking account's username as $1 (the secretary's own village, the donor's own year).
   */
  static final Map<String, String> SAMPLES =
      Map.ofEntries(
          Map.entry(
              "need-edit",
              "SELECT min(n.id) FROM needs n JOIN users u ON u.village_id = n.village_id WHERE u.username = $1"),
          Map.entry(
              "registry-household",
              "SELECT min(h.id) FROM households h JOIN users u ON u.village_id = h.village_id WHERE u.username = $1"),
          Map.entry(
              "registry-cadre",
              "SELECT min(c.id) FROM cadres c JOIN users u ON region_contains(c.region_id, u.village_id) WHERE u.username = $1"),
          Map.entry("registry-review-round", "SELECT max(id) FROM review_rounds WHERE $1 <> ''"),
          Map.entry(
              "registry-application",
              "SELECT min(a.id) FROM status_applications a JOIN users u ON u.village_id = a.village_id WHERE u.username = $1"),
          Map.entry("registry-village", "SELECT village_id FROM users WHERE username = $1"),
          Map.entry(
              "pledge",
              "SELECT min(p.id) FROM pledges p JOIN users u ON u.donor_id = p.donor_id WHERE u.username = $1"),
          Map.entry(
              "monitor-case",
              "SELECT min(c.id) FROM monitor_cases c JOIN users u ON u.village_id = c.village_id WHERE u.username = $1"),
          Map.entry(
              "monitor-poster", "SELECT min(id) FROM regions WHERE level = 'village' AND $1 = ''"),
          Map.entry("campaign", "SELECT min(id) FROM campaigns WHERE $1 = ''"),
          Map.entry(
              "village-page",
              "SELECT min(village_id) FROM needs WHERE status = 'published' AND $1 = ''"),
          Map.entry("inspection-report", "SELECT min(id) FROM inspections WHERE $1 <> ''"),
          Map.entry("notice", "SELECT min(id) FROM notices WHERE $1 = ''"),
          Map.entry("notice-print", "SELECT min(id) FROM notices WHERE $1 = ''"),
          Map.entry("pledge-wall", "SELECT min(campaign_id) FROM pledge_days WHERE $1 = ''"),
          Map.entry(
              "certificate",
              "SELECT min(id) FROM allocations WHERE status = 'verified' AND $1 = ''"),
          Map.entry(
              "donor-statement",
              """
          SELECT max(extract(year FROM a.verified_at))::bigint FROM allocations a
            JOIN pledges p ON p.id = a.pledge_id JOIN users u ON u.donor_id = p.donor_id
           WHERE u.username = $1 AND a.status = 'verified'"""));

  /** Who else opens a route besides the account of its first role: other desks of one screen. */
  static final List<String[]> ALSO =
      List.of(
          new String[] {"qiaoqin-1", "donor"},
          new String[] {"qiye-1", "campaigns"},
          new String[] {"qiye-1", "inbox"},
          new String[] {"qiye-1", "findings"});

  /** One screen to open: as whom (null: signed out), which route, at which address. */
  record Visit(String account, Route route, String url) {}

  @Override
  protected TestApp.Data data() {
    return TestApp.Data.DEMO;
  }

  /** The visits of a walk, by account (signed out first), so each account signs in once. */
  private Map<String, List<Visit>> plan() {
    List<Route> routes = RouteTable.read();
    List<String> unwalked = new ArrayList<>();
    Map<String, List<Visit>> byAccount = new LinkedHashMap<>();
    byAccount.put("", new ArrayList<>());
    for (Route r : routes) {
      if (EXCLUDED.containsKey(r.name())) {
        continue;
      }
      String account = r.roles().isEmpty() ? "" : ACCOUNT_OF_ROLE.get(r.roles().get(0));
      if (account == null || (r.hasParams() && !SAMPLES.containsKey(r.name()))) {
        unwalked.add(r.name() + " " + r.path());
        continue;
      }
      byAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(visit(account, r));
    }
    for (String[] also : ALSO) {
      Route r = routes.stream().filter(x -> x.name().equals(also[1])).findFirst().orElseThrow();
      byAccount.computeIfAbsent(also[0], a -> new ArrayList<>()).add(visit(also[0], r));
    }
    assertThat(unwalked)
        .as(
            "routes neither walked nor excluded: give each a sample in SAMPLES (a parameter) or a"
                + " reason in EXCLUDED")
        .isEmpty();
    return byAccount;
  }

  private Visit visit(String account, Route r) {
    if (!r.hasParams()) {
      return new Visit(account, r, r.path());
    }
    Row row =
        app.pool()
            .preparedQuery(SAMPLES.get(r.name()))
            .execute(Tuple.of(account))
            .await()
            .iterator()
            .next();
    assertThat(row.getValue(0)).as("no sample for %s on the demo data", r.path()).isNotNull();
    return new Visit(account, r, r.fill(String.valueOf(row.getValue(0))));
  }

  /**
   * The demo has no 10.17 pledge day (its wall is a route with a campaign's id): 统战部 sets one
   * through the API, as it would on the screen, so the wall can be walked.
   */
  @BeforeAll
  void aPledgeDay() {
    if (sql("SELECT count(*) FROM pledge_days") > 0) {
      return;
    }
    LocalDate today = app.clock().instant().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();
    HttpResponse<Buffer> made =
        app.call(
            HttpMethod.POST,
            "/api/v1/pledge-days",
            app.token("tongzhan", PASSWORD),
            new JsonObject()
                .put("campaignId", sql("SELECT min(id) FROM campaigns"))
                .put("day", today.plusDays(10).toString())
                .put("targetCny", 1_000_000));
    assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
  }

  /**
   * The demo as a server shows it an hour after its start, once its hourly jobs have run (the test
   * app runs them when told): among them the draw of last month's delivery sample, whose checks the
   * county's reviewer answers on its desk.
   */
  @BeforeAll
  void anHourAfterTheStart() {
    app.clock().advance(java.time.Duration.ofHours(1).plusMinutes(1));
    app.runDueJobs();
    assertThat(
            sql(
                "SELECT count(*) FROM delivery_checks c JOIN users u ON u.username = 'fpb-anxi'"
                    + " WHERE region_contains(u.region_id, c.township_id)"))
        .as(
            "the demo's sample gives the Anxi reviewer checks to answer (samples %d, checks %d,"
                + " verified last month %d)",
            sql("SELECT count(*) FROM delivery_samples"),
            sql("SELECT count(*) FROM delivery_checks"),
            sql(
                "SELECT count(*) FROM allocations WHERE status = 'verified' AND verified_at >="
                    + " date_trunc('month', now()) - interval '1 month'"))
        .isPositive();
  }

  @Test
  @Order(0)
  @DisplayName("every route is walked or excluded with a reason")
  void everyRouteIsPlanned() {
    Map<String, List<Visit>> plan = plan();
    long walked = plan.values().stream().flatMap(List::stream).map(Visit::route).distinct().count();
    assertThat(walked + EXCLUDED.size()).isEqualTo(RouteTable.read().size());
    System.out.println("walked routes: " + RouteTable.describe(RouteTable.read()));
  }

  private boolean probing;

  private void walkAll(boolean chinese, Dimension size) {
    if (!probing) {
      ScreenCheck.countRequests(browser);
      probing = true;
    }
    browser.size(size);
    browser.go("/board");
    browser.js("localStorage.setItem('bangfu.locale', arguments[0])", chinese ? "zh-CN" : "en");
    boolean phone = size.width < 500;
    String label = (chinese ? "zh " : "en ") + size.width + "px ";
    ScreenCheck screens = new ScreenCheck(browser, chinese, phone);
    for (Map.Entry<String, List<Visit>> group : plan().entrySet()) {
      String account = group.getKey();
      if (!account.isEmpty()) {
        browser.signIn(account, PASSWORD);
      }
      for (Visit v : group.getValue()) {
        String where = label + (account.isEmpty() ? "signed out" : account) + " " + v.url();
        screens.read(where, v.url(), v.route().ready(), v.route().tabs(), v.route());
      }
      browser.js("localStorage.removeItem('bangfu.session')");
    }
    assertThat(screens.problems()).as("what the walk found").isEmpty();
  }

  @Test
  @Order(1)
  @DisplayName("in Chinese on a 390 px phone")
  void chinesePhone() {
    walkAll(true, PHONE);
  }

  @Test
  @Order(2)
  @DisplayName("in English on a 390 px phone")
  void englishPhone() {
    walkAll(false, PHONE);
  }

  @Test
  @Order(3)
  @DisplayName("in Chinese at 1440 × 900")
  void chineseWide() {
    walkAll(true, WIDE);
  }

  @Test
  @Order(4)
  @DisplayName("in English at 1440 × 900")
  void englishWide() {
    walkAll(false, WIDE);
  }

  private long sql(String sql, Object... args) {
    return app.pool()
        .preparedQuery(sql)
        .execute(Tuple.from(args))
        .await()
        .iterator()
        .next()
        .getLong(0);
  }
}
