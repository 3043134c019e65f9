package org.bangfu.accountability;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.http.Body;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.support.DomainException;

/**
 * 问责: {@code /accountability/cases} (open from a report or a finding, list, read, decide) and
 * {@code /accountability/grounds} (founded reports and repeated or late findings with no case yet).
 */
public final class AccountabilityRoutes implements RouteModule {
  /** 纪委 / 审计 open and decide; admins may too. */
  private static final Role[] ACTING = {Role.AUDITOR, Role.ADMIN};

  /** Who reads cases: the acting roles, the united front, and reviewers (their counties). */
  private static final Role[] READING = {
    Role.AUDITOR, Role.ADMIN, Role.UNITED_FRONT, Role.REVIEWER
  };

  static final int MAX_PEOPLE = 20;

  /** A phone or an ID number: a run of 11 or more digits (the database refuses them too). */
  private static final Pattern PERSONAL_NUMBER = Pattern.compile("[0-9]{11}");

  private final AccountabilityService service;

  public AccountabilityRoutes(AccountabilityService service) {
    this.service = service;
  }

  @Override
  public void mount(Router api) {
    api.get("/accountability/cases").handler(RouteModule.handle(this::list));
    api.post("/accountability/cases").handler(RouteModule.handle(this::open));
    api.get("/accountability/cases/:id").handler(RouteModule.handle(this::get));
    api.post("/accountability/cases/:id/decision").handler(RouteModule.handle(this::decide));
    api.get("/accountability/grounds").handler(RouteModule.handle(this::grounds));
  }

  private Future<?> list(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, READING);
    Params p = Params.of(ctx);
    return service
        .list(
            user,
            p.optionalString("county", 40).orElse(null),
            p.optionalEnum("status", List.of("open", "decided")).orElse(null),
            p.optionalEnum("ground", Ground.WIRES).orElse(null),
            p.paging())
        .compose(page -> Responses.ok(ctx, Responses.page(page, AccountabilityCase::toJson)));
  }

  private Future<?> open(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, ACTING);
    Body b = Body.of(ctx).only(List.of("reportId", "findingId", "summary"));
    Long report = b.optionalLong("reportId", 1, Long.MAX_VALUE).orElse(null);
    Long finding = b.optionalLong("findingId", 1, Long.MAX_VALUE).orElse(null);
    if ((report == null) == (finding == null)) {
      throw DomainException.invalid(
          report == null ? "reportId" : "findingId",
          "one_source",
          "give either reportId or findingId");
    }
    String summary = noPersonalNumber("summary", b.requiredString("summary", 1, 2000));
    return service
        .open(user, new AccountabilityService.Source(report, finding), summary)
        .compose(c -> Responses.created(ctx, c.toJson()));
  }

  private Future<?> get(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, READING);
    long id = Params.of(ctx).pathId("id");
    return service.get(user, id).compose(c -> Responses.ok(ctx, c.toJson()));
  }

  private Future<?> decide(RoutingContext ctx) {
    CurrentUser user = Access.require(ctx, ACTING);
    long id = Params.of(ctx).pathId("id");
    Body b = Body.of(ctx).only(List.of("basis", "people"));
    String basis = noPersonalNumber("basis", b.requiredString("basis", 1, 5000));
    return service.decide(user, id, basis, people(b)).compose(c -> Responses.ok(ctx, c.toJson()));
  }

  /** {@code people[i] = {unit, role, measure}}, one to twenty of them. */
  static List<Person> people(Body b) {
    JsonArray list =
        b.optionalArray("people", MAX_PEOPLE)
            .orElseThrow(() -> DomainException.invalid("people", "required", "is required"));
    if (list.isEmpty()) {
      throw DomainException.invalid(
          "people", "too_few_items", "must name at least one person", Map.of("min", 1));
    }
    List<Person> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Body p = b.element("people", list, i).only(List.of("unit", "role", "measure"));
      String at = "people[" + i + "].";
      out.add(
          new Person(
              noPersonalNumber(at + "unit", p.requiredString("unit", 1, 200)),
              noPersonalNumber(at + "role", p.requiredString("role", 1, 100)),
              p.requiredEnum("measure", Person.MEASURES)));
    }
    return out;
  }

  /** Texts others read hold no phone or ID number: refused, naming the field. */
  static String noPersonalNumber(String field, String text) {
    if (PERSONAL_NUMBER.matcher(text).find()) {
      throw DomainException.invalid(
          field, "personal_number", "must not hold an ID or phone number");
    }
    return text;
  }

  private Future<?> grounds(RoutingContext ctx) {
    Access.require(ctx, ACTING);
    Params p = Params.of(ctx);
    return service
        .grounds(p.optionalString("county", 40).orElse(null), p.paging())
        .compose(page -> Responses.ok(ctx, Responses.page(page, CaseGround::toJson)));
  }
}
