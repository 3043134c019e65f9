package org.bangfu.http;

import java.util.List;
import org.bangfu.auth.AuthRoutes;
import org.bangfu.regions.RegionRoutes;
import org.bangfu.users.UserRoutes;

/**
 * Every feature's routes, in mounting order. Adding a feature is one line here (its {@code
 * XxxRoutes} implements {@link RouteModule}).
 */
public final class Features {

  private Features() {}

  public static List<RouteModule> modules(AppContext app) {
    return List.of(
        // platform
        new AuthRoutes(app),
        new UserRoutes(app),
        new RegionRoutes(app),
        new org.bangfu.events.EventStream(app.vertx()),
        // marketplace: add its XxxRoutes below this line
        new org.bangfu.households.HouseholdRoutes(app),
        new org.bangfu.donors.DonorRoutes(app),
        new org.bangfu.campaigns.CampaignRoutes(app),
        new org.bangfu.progress.ProgressRoutes(app),
        new org.bangfu.needs.NeedRoutes(app),
        new org.bangfu.needs.VillageCapRoutes(app),
        new org.bangfu.claims.ClaimRoutes(app),
        new org.bangfu.pledges.PledgeRoutes(app),
        new org.bangfu.allocations.AllocationRoutes(app),
        new org.bangfu.rounds.MatchRoundRoutes(app),
        new org.bangfu.board.BoardRoutes(app),
        new org.bangfu.audit.AuditRoutes(app),
        // the registry over time: status applications, 回头看, cadres and plans, villages' incomes
        new org.bangfu.registry.RegistryRoutes(app),
        new org.bangfu.registry.ReviewRoundRoutes(app),
        new org.bangfu.cadres.CadreRoutes(app),
        new org.bangfu.villages.VillageRoutes(app),
        new org.bangfu.notifications.NotificationRoutes(app),
        new org.bangfu.reports.ReportRoutes(app),
        new org.bangfu.inspections.InspectionRoutes(app),
        new org.bangfu.reliability.ReliabilityRoutes(app),
        // public notice, fund programmes and projects, supervision, exports
        new org.bangfu.notices.NoticeRoutes(app),
        new org.bangfu.funds.FundRoutes(app),
        new org.bangfu.supervision.SupervisionRoutes(app),
        new org.bangfu.exports.ExportRoutes(app),
        org.bangfu.audit.log.TransparencyLog.of(app).routes());
  }
}
