package org.bangfu.needs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
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
 * Bad input on every marketplace endpoint — wrong types, missing fields, unknown ids, negative or
 * huge quantities, someone else's object, illegal transitions — gets a 4xx with a JSON body naming
 * the problem, and changes nothing in the database.
 */
@DisplayName("Bad input is refused with a 4xx naming the problem, and changes nothing")
class BadInputTest {
  static TestApp app;
  static final Map<String, String> ids = new java.util.HashMap<>();

  /** One row of the table: who calls what with which body, and what must come back. */
  record Case(
      String what,
      Account as,
      HttpMethod method,
      String path,
      Object body,
      int status,
      String field) {}

  @BeforeAll
  static void start() {
    app = TestApp.start();
    String v = TestFixture.VILLAGE;
    long household =
        ok(
                app.post(
                    "/api/v1/households",
                    Account.SECRETARY,
                    new JsonObject()
                        .put("villageId", v)
                        .put("headName", "陈某")
                        .put("idNumber", "350524198001010038")
                        .put("status", "marginal")
                        .put("members", 3)
                        .put("labourCapacity", 1)),
                201)
            .getLong("id");
    long published = need(1000);
    ok(app.post("/api/v1/needs/" + published + "/submit", Account.SECRETARY, null), 200);
    ok(app.post("/api/v1/needs/" + published + "/publish", Account.REVIEWER, null), 200);
    long draft = need(500);
    long pledge =
        ok(
                app.post(
                    "/api/v1/pledges",
                    Account.DONOR,
                    new JsonObject()
                        .put("unit", "CNY")
                        .put("quantity", 5000)
                        .put("mode", "earmarked")),
                201)
            .getLong("id");
    long otherPledge =
        ok(
                app.post(
                    "/api/v1/pledges",
                    Account.OTHER_DONOR,
                    new JsonObject().put("unit", "CNY").put("quantity", 5000)),
                201)
            .getLong("id");
    long allocation =
        ok(
                app.post(
                    "/api/v1/needs/" + published + "/claims",
                    Account.DONOR,
                    new JsonObject().put("pledgeId", pledge).put("quantity", 800)),
                201)
            .getLong("id");
    ids.putAll(
        Map.of(
            "{H}",
            "" + household,
            "{N}",
            "" + published,
            "{D}",
            "" + draft,
            "{P}",
            "" + pledge,
            "{P2}",
            "" + otherPledge,
            "{A}",
            "" + allocation));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static long need(long quantity) {
    return ok(
            app.post(
                "/api/v1/needs",
                Account.SECRETARY,
                new JsonObject()
                    .put("villageId", TestFixture.VILLAGE)
                    .put("category", "health")
                    .put("unit", "CNY")
                    .put("quantity", quantity)
                    .put("priority", 2)
                    .put("title", "卫生室设备")),
            201)
        .getLong("id");
  }

  static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  static JsonObject need() {
    return new JsonObject()
        .put("villageId", TestFixture.VILLAGE)
        .put("category", "education")
        .put("unit", "CNY")
        .put("quantity", 100)
        .put("priority", 3)
        .put("title", "书本");
  }

  static JsonObject household() {
    return new JsonObject()
        .put("villageId", TestFixture.VILLAGE)
        .put("headName", "林某")
        .put("idNumber", "350524198001010046")
        .put("status", "marginal")
        .put("members", 2)
        .put("labourCapacity", 1);
  }

  static JsonObject pledge() {
    return new JsonObject().put("unit", "CNY").put("quantity", 100);
  }

  static Case c(
      String what, Account as, HttpMethod m, String path, Object body, int status, String field) {
    return new Case(what, as, m, path, body, status, field);
  }

  static List<Case> cases() {
    HttpMethod get = HttpMethod.GET;
    HttpMethod post = HttpMethod.POST;
    HttpMethod patch = HttpMethod.PATCH;
    HttpMethod put = HttpMethod.PUT;
    String v = TestFixture.VILLAGE;
    Account sec = Account.SECRETARY;
    Account donor = Account.DONOR;
    List<Case> t =
        new ArrayList<>(
            List.of(
                // needs: creating
                c(
                    "need without a title",
                    sec,
                    post,
                    "/needs",
                    need().copy().putNull("title"),
                    400,
                    "title"),
                c(
                    "need quantity as text",
                    sec,
                    post,
                    "/needs",
                    need().put("quantity", "abc"),
                    400,
                    "quantity"),
                c(
                    "need quantity negative",
                    sec,
                    post,
                    "/needs",
                    need().put("quantity", -5),
                    400,
                    "quantity"),
                c(
                    "need quantity huge",
                    sec,
                    post,
                    "/needs",
                    need().put("quantity", 10_000_000_000_000L),
                    400,
                    "quantity"),
                c(
                    "need quantity fractional",
                    sec,
                    post,
                    "/needs",
                    need().put("quantity", 1.5),
                    400,
                    "quantity"),
                c(
                    "need priority 9",
                    sec,
                    post,
                    "/needs",
                    need().put("priority", 9),
                    400,
                    "priority"),
                c(
                    "need unknown category",
                    sec,
                    post,
                    "/needs",
                    need().put("category", "magic"),
                    400,
                    "category"),
                c("need unknown unit", sec, post, "/needs", need().put("unit", "USD"), 400, "unit"),
                c(
                    "need impossible deadline",
                    sec,
                    post,
                    "/needs",
                    need().put("deadline", "2018-13-45"),
                    400,
                    "deadline"),
                c(
                    "need misspelt field",
                    sec,
                    post,
                    "/needs",
                    need().put("quantiy", 3),
                    400,
                    "quantiy"),
                c(
                    "need for someone else's village",
                    sec,
                    post,
                    "/needs",
                    need().put("villageId", TestFixture.OTHER_VILLAGE),
                    403,
                    null),
                c(
                    "need for an unknown village",
                    Account.ADMIN,
                    post,
                    "/needs",
                    need().put("villageId", "9999-T01-V01"),
                    400,
                    "villageId"),
                c(
                    "need for an unknown household",
                    sec,
                    post,
                    "/needs",
                    need().put("householdId", 999999),
                    400,
                    "householdId"),
                c("need body not JSON", sec, post, "/needs", "{not json", 400, "body"),
                c("need body an array", sec, post, "/needs", "[1,2]", 400, "body"),
                c("need posted by a donor", donor, post, "/needs", need(), 403, null),
                c("need posted without signing in", null, post, "/needs", need(), 401, null),
                // needs: reading
                c("unknown need", null, get, "/needs/999999", null, 404, null),
                c("malformed need id", null, get, "/needs/abc", null, 404, null),
                c("a draft, for a donor", donor, get, "/needs/{D}", null, 404, null),
                c("browse with priority 9", null, get, "/needs?priority=9", null, 400, "priority"),
                c("browse with page size 1000", null, get, "/needs?size=1000", null, 400, "size"),
                c(
                    "browse an unknown category",
                    null,
                    get,
                    "/needs?category=magic",
                    null,
                    400,
                    "category"),
                // needs: editing and transitions
                c(
                    "edit a published need",
                    sec,
                    patch,
                    "/needs/{N}",
                    new JsonObject().put("title", "新"),
                    409,
                    null),
                c(
                    "edit another village's draft",
                    Account.OTHER_SECRETARY,
                    patch,
                    "/needs/{D}",
                    new JsonObject().put("title", "新"),
                    403,
                    null),
                c(
                    "edit with nothing to change",
                    sec,
                    patch,
                    "/needs/{D}",
                    new JsonObject(),
                    400,
                    "body"),
                c(
                    "edit quantity to zero",
                    sec,
                    patch,
                    "/needs/{D}",
                    new JsonObject().put("quantity", 0),
                    400,
                    "quantity"),
                c(
                    "publish a published need",
                    Account.REVIEWER,
                    post,
                    "/needs/{N}/publish",
                    null,
                    409,
                    null),
                c("publish a draft", Account.REVIEWER, post, "/needs/{D}/publish", null, 409, null),
                c(
                    "reject without a reason",
                    Account.REVIEWER,
                    post,
                    "/needs/{D}/reject",
                    new JsonObject(),
                    400,
                    "reason"),
                c(
                    "submit another village's draft",
                    Account.OTHER_SECRETARY,
                    post,
                    "/needs/{D}/submit",
                    null,
                    404,
                    null),
                c(
                    "a reviewer submitting",
                    Account.REVIEWER,
                    post,
                    "/needs/{D}/submit",
                    null,
                    403,
                    null),
                c(
                    "publish outside the reviewer's township",
                    Account.TOWNSHIP_REVIEWER,
                    post,
                    "/needs/999999/publish",
                    null,
                    404,
                    null),
                // claims
                c(
                    "claim without quantity",
                    donor,
                    post,
                    "/needs/{N}/claims",
                    new JsonObject(),
                    400,
                    "quantity"),
                c(
                    "claim zero",
                    donor,
                    post,
                    "/needs/{N}/claims",
                    new JsonObject().put("quantity", 0),
                    400,
                    "quantity"),
                c(
                    "claim huge",
                    donor,
                    post,
                    "/needs/{N}/claims",
                    new JsonObject().put("quantity", 10_000_000_000_000L),
                    400,
                    "quantity"),
                c(
                    "claim as text",
                    donor,
                    post,
                    "/needs/{N}/claims",
                    new JsonObject().put("quantity", "x"),
                    400,
                    "quantity"),
                c(
                    "claim more than the need lacks",
                    donor,
                    post,
                    "/needs/{N}/claims",
                    new JsonObject().put("quantity", 2000),
                    409,
                    "quantity"),
                c(
                    "claim from someone else's pledge",
                    donor,
                    post,
                    "/needs/{N}/claims",
                    new JsonObject().put("quantity", 1),
                    403,
                    null),
                c(
                    "claim from an unknown pledge",
                    donor,
                    post,
                    "/needs/{N}/claims",
                    new JsonObject().put("pledgeId", 999999).put("quantity", 1),
                    400,
                    "pledgeId"),
                c(
                    "claim a draft",
                    donor,
                    post,
                    "/needs/{D}/claims",
                    new JsonObject().put("quantity", 1),
                    404,
                    null),
                c(
                    "claim an unknown need",
                    donor,
                    post,
                    "/needs/999999/claims",
                    new JsonObject().put("quantity", 1),
                    404,
                    null),
                c(
                    "claim as a secretary",
                    sec,
                    post,
                    "/needs/{N}/claims",
                    new JsonObject().put("quantity", 1),
                    403,
                    null),
                // pledges
                c(
                    "pledge in an unknown unit",
                    donor,
                    post,
                    "/pledges",
                    pledge().put("unit", "dollars"),
                    400,
                    "unit"),
                c(
                    "pledge negative",
                    donor,
                    post,
                    "/pledges",
                    pledge().put("quantity", -1),
                    400,
                    "quantity"),
                c(
                    "pledge huge",
                    donor,
                    post,
                    "/pledges",
                    pledge().put("quantity", 10_000_000_000_000L),
                    400,
                    "quantity"),
                c(
                    "pledge an unknown category",
                    donor,
                    post,
                    "/pledges",
                    pledge().put("categories", new JsonArray().add("x")),
                    400,
                    "categories[0]"),
                c(
                    "pledge to an unknown region",
                    donor,
                    post,
                    "/pledges",
                    pledge().put("scope", new JsonArray().add("nowhere")),
                    400,
                    "scope"),
                c(
                    "pledge expiring in the past",
                    donor,
                    post,
                    "/pledges",
                    pledge().put("expires", "2001-01-01"),
                    400,
                    "expires"),
                c(
                    "pledge in an unknown mode",
                    donor,
                    post,
                    "/pledges",
                    pledge().put("mode", "x"),
                    400,
                    "mode"),
                c(
                    "pledge for another donor",
                    donor,
                    post,
                    "/pledges",
                    pledge().put("donorId", TestFixture.OTHER_DONOR),
                    403,
                    null),
                c("pledge by a secretary", sec, post, "/pledges", pledge(), 403, null),
                c("read another donor's pledge", donor, get, "/pledges/{P2}", null, 404, null),
                c(
                    "pledge cut below what it gave",
                    donor,
                    patch,
                    "/pledges/{P}",
                    new JsonObject().put("quantity", 10),
                    409,
                    null),
                c(
                    "withdraw another donor's pledge",
                    donor,
                    post,
                    "/pledges/{P2}/withdraw",
                    null,
                    404,
                    null),
                // allocations
                c(
                    "confirm a confirmed allocation",
                    donor,
                    post,
                    "/allocations/{A}/confirm",
                    null,
                    409,
                    null),
                c(
                    "decline another donor's allocation",
                    Account.OTHER_DONOR,
                    post,
                    "/allocations/{A}/decline",
                    null,
                    403,
                    null),
                c(
                    "receive without a note",
                    sec,
                    post,
                    "/allocations/{A}/receive",
                    new JsonObject(),
                    400,
                    "note"),
                c(
                    "receive before delivery",
                    sec,
                    post,
                    "/allocations/{A}/receive",
                    new JsonObject().put("note", "收到"),
                    409,
                    null),
                c(
                    "receive with broken base64",
                    sec,
                    post,
                    "/allocations/{A}/receive",
                    new JsonObject()
                        .put("note", "收到")
                        .put(
                            "attachments",
                            new JsonArray()
                                .add(
                                    new JsonObject()
                                        .put("name", "a.jpg")
                                        .put("contentType", "image/jpeg")
                                        .put("dataBase64", "%%%"))),
                    400,
                    "attachments[0].dataBase64"),
                c("verify as a donor", donor, post, "/allocations/{A}/verify", null, 403, null),
                c(
                    "verify with an exception of an unknown kind",
                    Account.REVIEWER,
                    post,
                    "/allocations/{A}/verify",
                    new JsonObject()
                        .put("exception", new JsonObject().put("kind", "bogus").put("reason", "无")),
                    400,
                    "exception.kind"),
                c(
                    "verify with an exception without its reason",
                    Account.REVIEWER,
                    post,
                    "/allocations/{A}/verify",
                    new JsonObject()
                        .put("exception", new JsonObject().put("kind", "receipt_pending")),
                    400,
                    "exception.reason"),
                c(
                    "verify with an exception that is not an object",
                    Account.REVIEWER,
                    post,
                    "/allocations/{A}/verify",
                    new JsonObject().put("exception", "收据待补"),
                    400,
                    "exception"),
                c(
                    "return a receipt without a reason",
                    Account.REVIEWER,
                    post,
                    "/allocations/{A}/return",
                    new JsonObject(),
                    400,
                    "reason"),
                c(
                    "revoke a verification with a blank reason",
                    Account.REVIEWER,
                    post,
                    "/allocations/{A}/revoke",
                    new JsonObject().put("reason", "   "),
                    400,
                    "reason"),
                c(
                    "return a receipt of a confirmed allocation",
                    Account.REVIEWER,
                    post,
                    "/allocations/{A}/return",
                    new JsonObject().put("reason", "照片不清"),
                    409,
                    null),
                c(
                    "revoke the verification of a confirmed allocation",
                    Account.REVIEWER,
                    post,
                    "/allocations/{A}/revoke",
                    new JsonObject().put("reason", "核实有误"),
                    409,
                    null),
                c(
                    "revoke as the village's secretary",
                    sec,
                    post,
                    "/allocations/{A}/revoke",
                    new JsonObject().put("reason", "核实有误"),
                    403,
                    null),
                c(
                    "confirm an unknown allocation",
                    donor,
                    post,
                    "/allocations/999999/confirm",
                    null,
                    404,
                    null),
                c(
                    "read another donor's allocation",
                    Account.OTHER_DONOR,
                    get,
                    "/allocations/{A}",
                    null,
                    404,
                    null),
                c(
                    "filter allocations by a bogus status",
                    donor,
                    get,
                    "/allocations?status=bogus",
                    null,
                    400,
                    "status"),
                // households
                c(
                    "household ID with a wrong check digit",
                    sec,
                    post,
                    "/households",
                    household().put("idNumber", "350524198001010047"),
                    400,
                    "idNumber"),
                c(
                    "household phone malformed",
                    sec,
                    post,
                    "/households",
                    household().put("phone", "12345678901"),
                    400,
                    "phone"),
                c(
                    "household of no members",
                    sec,
                    post,
                    "/households",
                    household().put("members", 0),
                    400,
                    "members"),
                c(
                    "household with more workers than members",
                    sec,
                    post,
                    "/households",
                    household().put("labourCapacity", 5),
                    400,
                    "labourCapacity"),
                c(
                    "household status unknown",
                    sec,
                    post,
                    "/households",
                    household().put("status", "rich"),
                    400,
                    "status"),
                c(
                    "household gap unknown",
                    sec,
                    post,
                    "/households",
                    household().put("gaps", new JsonArray().add("wifi")),
                    400,
                    "gaps[0]"),
                c(
                    "household registered twice",
                    sec,
                    post,
                    "/households",
                    household().put("idNumber", "350524198001010038"),
                    409,
                    "idNumber"),
                c(
                    "household posted by a donor",
                    donor,
                    post,
                    "/households",
                    household(),
                    403,
                    null),
                c(
                    "household in someone else's village",
                    sec,
                    post,
                    "/households",
                    household().put("villageId", TestFixture.OTHER_VILLAGE),
                    403,
                    null),
                c(
                    "household read by another secretary",
                    Account.OTHER_SECRETARY,
                    get,
                    "/households/{H}",
                    null,
                    404,
                    null),
                c("household read by a donor", donor, get, "/households/{H}", null, 403, null),
                c(
                    "households listed by the united front",
                    Account.UNITED_FRONT,
                    get,
                    "/households",
                    null,
                    403,
                    null),
                // donors and campaigns
                c(
                    "donor of unknown type",
                    Account.ADMIN,
                    post,
                    "/donors",
                    new JsonObject().put("name", "x").put("type", "alien"),
                    400,
                    "type"),
                c(
                    "donor without a name",
                    Account.ADMIN,
                    post,
                    "/donors",
                    new JsonObject().put("type", "enterprise"),
                    400,
                    "name"),
                c(
                    "donor in an unknown county",
                    Account.ADMIN,
                    post,
                    "/donors",
                    new JsonObject()
                        .put("name", "x")
                        .put("type", "enterprise")
                        .put("homeCounty", "999999"),
                    400,
                    "homeCounty"),
                c(
                    "donor added by a donor",
                    donor,
                    post,
                    "/donors",
                    new JsonObject().put("name", "x").put("type", "enterprise"),
                    403,
                    null),
                c(
                    "donor editing another donor",
                    donor,
                    patch,
                    "/donors/" + TestFixture.OTHER_DONOR,
                    new JsonObject().put("name", "x"),
                    403,
                    null),
                c(
                    "donor verifying itself",
                    donor,
                    patch,
                    "/donors/" + TestFixture.DONOR,
                    new JsonObject().put("verified", true),
                    403,
                    null),
                c(
                    "enrol in an unknown campaign",
                    Account.ADMIN,
                    post,
                    "/campaigns/999/enrolments",
                    new JsonObject().put("donorId", 1),
                    404,
                    null),
                c(
                    "enrol another donor",
                    donor,
                    post,
                    "/campaigns/1/enrolments",
                    new JsonObject().put("donorId", TestFixture.OTHER_DONOR),
                    403,
                    null),
                c(
                    "pair with an unknown village",
                    Account.ADMIN,
                    post,
                    "/campaigns/1/pairings",
                    new JsonObject().put("donorId", 1).put("villageId", "nowhere"),
                    400,
                    "villageId"),
                c(
                    "pair without enrolling",
                    Account.OTHER_DONOR,
                    post,
                    "/campaigns/1/pairings",
                    new JsonObject().put("villageId", TestFixture.VILLAGE),
                    409,
                    null),
                c(
                    "progress of an unknown campaign",
                    null,
                    get,
                    "/campaigns/999/progress",
                    null,
                    404,
                    null),
                // rounds, audit, board
                c(
                    "round started by a donor",
                    donor,
                    post,
                    "/match-rounds",
                    new JsonObject(),
                    403,
                    null),
                c(
                    "round on an impossible date",
                    Account.UNITED_FRONT,
                    post,
                    "/match-rounds",
                    new JsonObject().put("date", "2018-02-30"),
                    400,
                    "date"),
                c(
                    "round for an unknown campaign",
                    Account.UNITED_FRONT,
                    post,
                    "/match-rounds",
                    new JsonObject().put("campaignId", 999),
                    400,
                    "campaignId"),
                c("unknown round", Account.AUDITOR, get, "/match-rounds/999999", null, 404, null),
                c("audit read by a donor", donor, get, "/audit", null, 403, null),
                c("audit page size zero", Account.AUDITOR, get, "/audit?size=0", null, 400, "size"),
                c("board page zero", null, get, "/public/board?page=0", null, 400, "page"),
                // village caps
                c(
                    "cap of zero",
                    Account.REVIEWER,
                    put,
                    "/villages/" + v + "/caps/CNY",
                    new JsonObject().put("max", 0),
                    400,
                    "max"),
                c(
                    "cap as text",
                    Account.REVIEWER,
                    put,
                    "/villages/" + v + "/caps/CNY",
                    new JsonObject().put("max", "lots"),
                    400,
                    "max"),
                c(
                    "cap without max",
                    Account.REVIEWER,
                    put,
                    "/villages/" + v + "/caps/CNY",
                    new JsonObject(),
                    400,
                    "max"),
                c(
                    "cap huge",
                    Account.REVIEWER,
                    put,
                    "/villages/" + v + "/caps/CNY",
                    new JsonObject().put("max", 10_000_000_000_000L),
                    400,
                    "max"),
                c(
                    "cap misspelt field",
                    Account.REVIEWER,
                    put,
                    "/villages/" + v + "/caps/CNY",
                    new JsonObject().put("maks", 5),
                    400,
                    "maks"),
                c(
                    "cap in an unknown unit",
                    Account.REVIEWER,
                    put,
                    "/villages/" + v + "/caps/USD",
                    new JsonObject().put("max", 5),
                    400,
                    "unit"),
                c(
                    "cap below what the village holds",
                    Account.REVIEWER,
                    put,
                    "/villages/" + v + "/caps/CNY",
                    new JsonObject().put("max", 799),
                    409,
                    "max"),
                c(
                    "cap of an unknown village",
                    Account.ADMIN,
                    put,
                    "/villages/9999-T01-V01/caps/CNY",
                    new JsonObject().put("max", 5),
                    404,
                    null),
                c(
                    "caps of an unknown village",
                    null,
                    get,
                    "/villages/9999-T01-V01/caps",
                    null,
                    404,
                    null),
                c(
                    "cap set by the village's secretary",
                    sec,
                    put,
                    "/villages/" + v + "/caps/CNY",
                    new JsonObject().put("max", 5000),
                    403,
                    null),
                c(
                    "cap set outside the reviewer's township",
                    Account.TOWNSHIP_REVIEWER,
                    put,
                    "/villages/" + TestFixture.OTHER_VILLAGE + "/caps/CNY",
                    new JsonObject().put("max", 5000),
                    403,
                    null),
                c(
                    "cap set without signing in",
                    null,
                    put,
                    "/villages/" + v + "/caps/CNY",
                    new JsonObject().put("max", 5000),
                    401,
                    null),
                c(
                    "remove a cap that does not exist",
                    Account.ADMIN,
                    HttpMethod.DELETE,
                    "/villages/" + v + "/caps/job",
                    null,
                    404,
                    null),
                c(
                    "remove a cap as a donor",
                    donor,
                    HttpMethod.DELETE,
                    "/villages/" + v + "/caps/CNY",
                    null,
                    403,
                    null),
                // receipts: more attachments than the body limit allows
                c(
                    "receive with 5 attachments",
                    sec,
                    post,
                    "/allocations/{A}/receive",
                    new JsonObject().put("note", "收到").put("attachments", fiveAttachments()),
                    400,
                    "attachments")));
    return t;
  }

  static JsonArray fiveAttachments() {
    JsonArray files = new JsonArray();
    for (int i = 0; i < 5; i++) {
      files.add(
          new JsonObject()
              .put("name", "p" + i + ".jpg")
              .put("contentType", "image/jpeg")
              .put("dataBase64", org.bangfu.testing.Samples.jpegBase64()));
    }
    return files;
  }

  static final String STATE =
      """
            SELECT concat_ws('|',
                (SELECT count(*) FROM needs), (SELECT string_agg(id || ':' || status || ':' || allocated || ':' || quantity || ':' || title, ',' ORDER BY id) FROM needs),
                (SELECT string_agg(id || ':' || status || ':' || allocated || ':' || quantity, ',' ORDER BY id) FROM pledges),
                (SELECT string_agg(id || ':' || status || ':' || quantity, ',' ORDER BY id) FROM allocations),
                (SELECT count(*) FROM allocation_evidence), (SELECT count(*) FROM households),
                (SELECT string_agg(id || ':' || name || ':' || verified, ',' ORDER BY id) FROM donors),
                (SELECT count(*) FROM campaign_enrolments), (SELECT count(*) FROM campaign_pairings),
                (SELECT count(*) FROM match_rounds), (SELECT count(*) FROM audit_log),
                (SELECT string_agg(village_id || ':' || unit || ':' || max || ':' || allocated, ',' ORDER BY village_id, unit)
                   FROM village_caps)) AS state""";

  static String state() {
    Row r = app.pool().query(STATE).execute().await().iterator().next();
    return r.getString("state");
  }

  @TestFactory
  Stream<DynamicTest> everyEndpoint() {
    return cases().stream()
        .map(
            k ->
                DynamicTest.dynamicTest(
                    k.what() + " → " + k.status(),
                    () -> {
                      String before = state();
                      String path = "/api/v1" + k.path();
                      for (var e : ids.entrySet()) {
                        path = path.replace(e.getKey(), e.getValue());
                      }
                      Object body = k.body();
                      if (body instanceof JsonObject o
                          && k.what().equals("claim from someone else's pledge")) {
                        body = o.copy().put("pledgeId", Long.parseLong(ids.get("{P2}")));
                      }
                      HttpResponse<Buffer> r =
                          app.call(
                              k.method(),
                              path,
                              k.as(),
                              body instanceof String s ? Buffer.buffer(s) : body);
                      assertThat(r.statusCode())
                          .as(k.what() + ": " + r.bodyAsString())
                          .isEqualTo(k.status());
                      JsonObject error = r.bodyAsJsonObject();
                      assertThat(error.getString("error")).isNotBlank();
                      assertThat(error.getString("message")).isNotBlank();
                      if (k.field() != null) {
                        assertThat(error.getJsonArray("fields")).as(r.bodyAsString()).isNotNull();
                        assertThat(error.getJsonArray("fields").getJsonObject(0).getString("field"))
                            .isEqualTo(k.field());
                      }
                      assertThat(r.bodyAsString())
                          .doesNotContain("Exception")
                          .doesNotContain("at org.");
                      assertThat(state()).as("nothing changed").isEqualTo(before);
                    }));
  }
}
