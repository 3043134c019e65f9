package org.bangfu.monitor;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.bangfu.households.HouseholdRoutes;
import org.bangfu.http.Body;
import org.bangfu.http.ClientAddress;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.privacy.PublicText;
import org.bangfu.support.DomainException;
import org.bangfu.support.Times;

/**
 * The household's own report, without an account and made for a phone ({@code POST
 * /public/monitor/reports}: name, phone, ID number, hardship, village, risk — six fields, limited
 * per address and day), followed with its tracking number and secret ({@code POST
 * /public/monitor/reports/track}: where it is, never who or what), and what a village's QR poster
 * shows ({@code GET /public/monitor/villages/{id}}).
 */
public final class SelfReportRoutes implements RouteModule {
  private final LeadService leads;

  public SelfReportRoutes(LeadService leads) {
    this.leads = leads;
  }

  @Override
  public void mount(Router api) {
    api.post("/public/monitor/reports").handler(RouteModule.handle(this::file));
    api.post("/public/monitor/reports/track").handler(RouteModule.handle(this::track));
    api.get("/public/monitor/villages/:id").handler(RouteModule.handle(this::village));
  }

  private Future<?> file(RoutingContext ctx) {
    Body b =
        Body.of(ctx).only(List.of("name", "phone", "idNumber", "hardship", "villageId", "risk"));
    String name = b.requiredString("name", 1, 50);
    String phone = HouseholdRoutes.phone(b);
    if (phone == null) {
      throw DomainException.invalid("phone", "required", "is required");
    }
    var r =
        new LeadService.SelfReport(
            name,
            phone,
            HouseholdRoutes.idNumber(b, true),
            b.requiredString("hardship", 1, 1000),
            b.requiredString("villageId", 1, 40),
            b.optionalEnum("risk", MonitorKinds.RISKS).orElse("other"));
    return leads
        .selfReport(r, ClientAddress.of(ctx))
        .compose(
            f ->
                Responses.created(
                    ctx,
                    new JsonObject()
                        .put("trackingNumber", f.trackingNumber())
                        .put("secret", f.secret())
                        .put("checkDue", f.checkDue().toString())));
  }

  private Future<?> track(RoutingContext ctx) {
    Body b = Body.of(ctx).only(List.of("trackingNumber", "secret"));
    String tracking = b.requiredString("trackingNumber", 1, 40).toUpperCase();
    String secret = b.requiredString("secret", 1, 40).toUpperCase();
    return leads
        .track(tracking, secret)
        .compose(
            t ->
                Responses.ok(
                    ctx,
                    new JsonObject()
                        .put("trackingNumber", tracking)
                        .put("filedAt", Times.instant(t.filedAt()))
                        .put("stage", stage(t.state()))
                        .put("checkDue", Times.instant(t.checkDue()))
                        .put("decisionDue", Times.instant(t.decisionDue()))
                        .put("checkedAt", Times.instant(t.checkedAt()))
                        .put("decidedAt", Times.instant(t.decidedAt()))
                        .put("helpConfirmedAt", Times.instant(t.helpConfirmedAt()))
                        .put("firstHelpAt", Times.instant(t.firstHelpAt()))
                        .put("closedAt", Times.instant(t.closedAt()))
                        .put("green", t.green())));
  }

  /** The stage a reporter reads: received, checking, deciding, helping, or how it ended. */
  static String stage(CaseState s) {
    return switch (s) {
      case TRIAGE -> "received";
      case CHECKING -> "checking";
      case CHECKED, NOTICE, TOWNSHIP, COUNTY -> "deciding";
      case CONFIRMED, CLOSING -> "helping";
      case CLOSED -> "closed";
      case DISMISSED, NOT_AT_RISK, REJECTED -> "not_monitored";
    };
  }

  /** What a village's QR poster says: where it is, by name; public, through the privacy filter. */
  private Future<?> village(RoutingContext ctx) {
    String id = Params.of(ctx).path("id");
    return leads
        .poster(id)
        .compose(
            p ->
                Responses.ok(
                    ctx,
                    PublicText.scrub(
                        new JsonObject()
                            .put("villageId", id)
                            .put("villageName", p.village())
                            .put("townshipName", p.township())
                            .put("countyName", p.county())
                            .put("reportPath", "/monitor/report?village=" + id))));
  }
}
