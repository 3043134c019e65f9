package org.bangfu.app;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.bangfu.about.AboutRoutes;
import org.bangfu.accountability.AccountabilityRoutes;
import org.bangfu.allocations.AllocationRoutes;
import org.bangfu.audit.AuditRoutes;
import org.bangfu.board.BoardRoutes;
import org.bangfu.cadres.CadreRoutes;
import org.bangfu.campaigns.CampaignRoutes;
import org.bangfu.certificates.CertificateRoutes;
import org.bangfu.claims.ClaimRoutes;
import org.bangfu.donors.DonorRoutes;
import org.bangfu.events.EventStream;
import org.bangfu.exports.ExportRoutes;
import org.bangfu.funds.FundRoutes;
import org.bangfu.households.HouseholdRoutes;
import org.bangfu.http.RouteModule;
import org.bangfu.inspections.InspectionRoutes;
import org.bangfu.monitor.MonitorRoutes;
import org.bangfu.monitor.SelfReportRoutes;
import org.bangfu.monitor.WarningRoutes;
import org.bangfu.needs.NeedRoutes;
import org.bangfu.needs.VillageCapRoutes;
import org.bangfu.notices.NoticeRoutes;
import org.bangfu.notifications.NotificationRoutes;
import org.bangfu.opendata.OpenDataRoutes;
import org.bangfu.pledgeday.PledgeDayRoutes;
import org.bangfu.pledges.PledgeRoutes;
import org.bangfu.progress.ProgressRoutes;
import org.bangfu.regions.RegionRoutes;
import org.bangfu.registry.RegistryRoutes;
import org.bangfu.registry.ReviewRoundRoutes;
import org.bangfu.reliability.ReliabilityRoutes;
import org.bangfu.reports.ReportRoutes;
import org.bangfu.rounds.MatchRoundRoutes;
import org.bangfu.sampling.SamplingRoutes;
import org.bangfu.signin.SignInRoutes;
import org.bangfu.subjects.SubjectRoutes;
import org.bangfu.supervision.SupervisionRoutes;
import org.bangfu.users.UserRoutes;
import org.bangfu.villages.VillageRoutes;

/**
 * Every feature's routes, in mounting order, each handed the services it calls. Adding a feature is
 * one line here (its {@code XxxRoutes} implements {@link RouteModule}).
 */
public final class Features {

  private Features() {}

  public static List<RouteModule> modules(AppContext app, Services s) {
    Vertx vertx = app.vertx();
    return List.of(
        // platform
        new SignInRoutes(s.signIn()),
        new UserRoutes(s.users()),
        new AboutRoutes(s.about()),
        new RegionRoutes(s.regions()),
        new EventStream(vertx, app.accounts(), app.clock()),
        // the marketplace
        new HouseholdRoutes(vertx, s.households()),
        new DonorRoutes(s.donors()),
        new CampaignRoutes(s.campaigns()),
        new ProgressRoutes(s.progress(), s.progressAnswers()),
        new NeedRoutes(s.needs(), s.browsePages()),
        new VillageCapRoutes(s.villageCaps()),
        new ClaimRoutes(s.claims()),
        new PledgeRoutes(s.pledges()),
        new AllocationRoutes(vertx, s.allocations()),
        new MatchRoundRoutes(s.rounds(), Duration.ofSeconds(app.config().roundAnswerSeconds())),
        new BoardRoutes(s.board(), s.boardPages()),
        new AuditRoutes(s.audit()),
        // the registry over time: status applications, 回头看, cadres and plans, villages' incomes
        new RegistryRoutes(s.registry(), s.registrySummaries()),
        new ReviewRoundRoutes(vertx, s.reviewRounds()),
        new CadreRoutes(s.cadres()),
        new VillageRoutes(s.villages()),
        // 防返贫动态监测: cases, the household's own report, departments' warnings
        new MonitorRoutes(vertx, s.monitoring().cases(), s.monitoring().leads()),
        new SelfReportRoutes(s.monitoring().leads()),
        new WarningRoutes(s.monitoring().warnings()),
        new NotificationRoutes(s.notifications()),
        new ReportRoutes(s.reports()),
        new SubjectRoutes(s.reportSubjects()),
        new InspectionRoutes(vertx, s.inspections()),
        new AccountabilityRoutes(s.accountability()),
        new ReliabilityRoutes(s.reliability()),
        // public notice, fund programmes and projects, supervision, exports
        new NoticeRoutes(s.notices()),
        new FundRoutes(vertx, s.funds()),
        new SupervisionRoutes(s.supervision()),
        new ExportRoutes(vertx, s.exports()),
        // open books: the open-data feed, delivery samples, donors' certificates, 10.17
        new OpenDataRoutes(s.openData()),
        new SamplingRoutes(s.sampling()),
        new CertificateRoutes(s.certificates()),
        new PledgeDayRoutes(s.pledgeDays()),
        s.transparency().routes());
  }
}
