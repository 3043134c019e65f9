package org.bangfu.app;

import java.util.List;
import java.util.Map;
import org.bangfu.about.AboutService;
import org.bangfu.accountability.AccountabilityService;
import org.bangfu.allocations.AllocationDeadlines;
import org.bangfu.allocations.AllocationService;
import org.bangfu.audit.AuditLog;
import org.bangfu.audit.AuditService;
import org.bangfu.audit.log.Jdbc;
import org.bangfu.audit.log.LegacyCheckpoints;
import org.bangfu.audit.log.LogService;
import org.bangfu.audit.log.NodeWitness;
import org.bangfu.audit.log.ProofService;
import org.bangfu.audit.log.TransparencyLog;
import org.bangfu.audit.log.WitnessService;
import org.bangfu.audit.log.WitnessStore;
import org.bangfu.board.BoardPages;
import org.bangfu.board.BoardService;
import org.bangfu.cadres.CadreService;
import org.bangfu.campaigns.CampaignService;
import org.bangfu.certificates.CertificateService;
import org.bangfu.claims.ClaimService;
import org.bangfu.deadlines.DeadlineEvents;
import org.bangfu.deadlines.DeadlineKind;
import org.bangfu.deadlines.DeadlineRules;
import org.bangfu.deadlines.DeadlineService;
import org.bangfu.deadlines.Deadlines;
import org.bangfu.donors.DonorService;
import org.bangfu.expiry.Expiry;
import org.bangfu.exports.ExportService;
import org.bangfu.funds.FundService;
import org.bangfu.households.HouseholdService;
import org.bangfu.inspections.FindingEscalation;
import org.bangfu.inspections.InspectionService;
import org.bangfu.monitor.CaseDeadlines;
import org.bangfu.monitor.CaseHelp;
import org.bangfu.monitor.CaseNotices;
import org.bangfu.monitor.LeadService;
import org.bangfu.monitor.MonitorEscalation;
import org.bangfu.monitor.MonitorService;
import org.bangfu.monitor.WarningService;
import org.bangfu.needs.BrowsePages;
import org.bangfu.needs.NeedService;
import org.bangfu.needs.VillageCapService;
import org.bangfu.notices.NoticeService;
import org.bangfu.notifications.NotificationService;
import org.bangfu.opendata.OpenDataService;
import org.bangfu.pledgeday.PledgeDayService;
import org.bangfu.pledges.PledgeExpiringSweep;
import org.bangfu.pledges.PledgeService;
import org.bangfu.privacy.LazyCipher;
import org.bangfu.progress.ProgressAnswers;
import org.bangfu.progress.ProgressService;
import org.bangfu.regions.RegionService;
import org.bangfu.registry.RegistryService;
import org.bangfu.registry.RegistrySummaries;
import org.bangfu.registry.ReviewRoundService;
import org.bangfu.reliability.ReliabilityService;
import org.bangfu.reports.ReportEscalation;
import org.bangfu.reports.ReportService;
import org.bangfu.reports.TrackingSecrets;
import org.bangfu.rounds.MatchRoundService;
import org.bangfu.sampling.SamplingService;
import org.bangfu.signin.SignInService;
import org.bangfu.subjects.SubjectService;
import org.bangfu.supervision.SupervisionService;
import org.bangfu.users.UserService;
import org.bangfu.villages.VillageService;

/**
 * Every service of the process, each made once from the platform ({@link AppContext}) and the
 * {@link Repositories}, in the order they depend on each other. Routes and jobs receive them from
 * here ({@link Features}, {@link Jobs}); no feature makes another's service.
 */
public record Services(
    SignInService signIn,
    UserService users,
    RegionService regions,
    DonorService donors,
    HouseholdService households,
    CampaignService campaigns,
    ProgressService progress,
    ProgressAnswers progressAnswers,
    NeedService needs,
    BrowsePages browsePages,
    VillageCapService villageCaps,
    ClaimService claims,
    PledgeService pledges,
    Expiry expiry,
    NoticeService notices,
    AllocationService allocations,
    MatchRoundService rounds,
    BoardService board,
    BoardPages boardPages,
    AuditService audit,
    TransparencyLog transparency,
    RegistryService registry,
    RegistrySummaries registrySummaries,
    ReviewRoundService reviewRounds,
    CadreService cadres,
    VillageService villages,
    NotificationService notifications,
    ReportService reports,
    InspectionService inspections,
    AccountabilityService accountability,
    ReliabilityService reliability,
    FundService funds,
    SupervisionService supervision,
    ExportService exports,
    Deadlines deadlines,
    DeadlineService deadlineService,
    DeadlineEvents deadlineEvents,
    OpenDataService openData,
    SamplingService sampling,
    CertificateService certificates,
    PledgeDayService pledgeDays,
    SubjectService reportSubjects,
    AboutService about,
    Monitoring monitoring) {

  /** 防返贫动态监测: the cases' way, the leads of the household and cadres, departments' warnings. */
  public record Monitoring(MonitorService cases, LeadService leads, WarningService warnings) {}

  /** Builds every service once. */
  public static Services build(AppContext app, Repositories repos) {
    return new Builder(app, repos).build();
  }

  /** The construction, step by step: the marketplace, then the registry, then oversight. */
  private static final class Builder {
    private final AppContext app;
    private final Repositories repos;
    private final LazyCipher cipher;
    private final AuditLog auditLog;

    Builder(AppContext app, Repositories repos) {
      this.app = app;
      this.repos = repos;
      this.cipher = new LazyCipher(app.pool());
      this.auditLog = new AuditLog(repos.audit());
    }

    /**
     * The audit log with its proofs, its witnesses and this node's witness (its state in
     * BANGFU_DATA_DIR/witness/<node name>).
     */
    TransparencyLog transparency() {
      WitnessStore store = WitnessStore.of(app.config().dataDir(), app.config().nodeName());
      LogService log =
          new LogService(
              app.vertx(),
              app.pool(),
              Jdbc.of(app.database()),
              app.clock(),
              () -> app.keys().auditKey(),
              store,
              LegacyCheckpoints.file(app.config().dataDir()),
              repos.heads(),
              repos.tree());
      ProofService proofs = new ProofService(app.pool(), log, repos.tree());
      WitnessService witnesses = new WitnessService(app.pool(), app.clock(), repos.heads(), log);
      NodeWitness witness =
          new NodeWitness(app.vertx(), store, app.clock(), log, proofs, witnesses);
      return new TransparencyLog(log, proofs, witnesses, witness);
    }

    Services build() {
      var pool = app.pool();
      var clock = app.clock();
      var engine =
          new Deadlines(
              clock, DeadlineRules.of(app.config(), Expiry.PROPOSAL_DAYS), repos.deadlines());
      var allocationDeadlines = new AllocationDeadlines(engine);
      var campaigns = new CampaignService(pool, clock, repos.campaigns(), engine, auditLog);
      var notices =
          new NoticeService(
              pool, clock, app.config().funds(), repos.notices(), cipher, engine, auditLog);
      var households =
          new HouseholdService(
              pool, clock, repos.households(), repos.householdGaps(), cipher, auditLog);
      var registry =
          new RegistryService(
              pool,
              clock,
              notices,
              households,
              repos.households(),
              repos.statusApplications(),
              engine,
              auditLog);
      var funds =
          new FundService(pool, clock, repos.funds(), repos.fundLedger(), notices, auditLog);
      var supervision =
          new SupervisionService(
              pool, clock, app.config().funds(), repos.supervision(), engine, auditLog);
      var ledger = repos.ledger();
      var pledges =
          new PledgeService(
              pool,
              clock,
              ledger,
              repos.pledges(),
              campaigns,
              engine,
              allocationDeadlines,
              auditLog);
      var expiry =
          new Expiry(pool, clock, ledger, repos.expiry(), pledges, allocationDeadlines, auditLog);
      var needs =
          new NeedService(
              pool,
              clock,
              ledger,
              repos.needs(),
              repos.allocations(),
              repos.regions(),
              engine,
              allocationDeadlines,
              auditLog);
      var zone = app.config().oversight().zone();
      var reports = reports(engine);
      var reliability =
          new ReliabilityService(pool, clock, app.config().oversight(), repos.reliability());
      var openData = new OpenDataService(app.vertx(), pool, zone, repos.openData());
      var sampling =
          new SamplingService(pool, clock, zone, repos.sampling(), reports, engine, auditLog);
      var board = new BoardService(pool, repos.board(), openData, sampling);
      return new Services(
          new SignInService(app.vertx(), pool, clock, app.tokens(), repos.users(), repos.signIn()),
          new UserService(
              app.vertx(), pool, app.accounts(), repos.users(), repos.regions(), repos.donors()),
          new RegionService(pool, repos.regions()),
          new DonorService(pool, clock, repos.donors(), repos.regions(), auditLog),
          households,
          campaigns,
          new ProgressService(pool, repos.progress()),
          new ProgressAnswers(app::listen),
          needs,
          new BrowsePages(app::listen),
          new VillageCapService(pool, ledger, repos.villageCaps(), repos.regions(), auditLog),
          new ClaimService(
              pool,
              clock,
              ledger,
              repos.claims(),
              repos.allocations(),
              auditLog,
              app.config().claims()),
          pledges,
          expiry,
          notices,
          new AllocationService(
              pool, ledger, repos.allocations(), notices, allocationDeadlines, auditLog),
          new MatchRoundService(
              app.vertx(),
              pool,
              clock,
              ledger,
              repos.rounds(),
              repos.problems(),
              repos.allocations(),
              expiry,
              allocationDeadlines,
              auditLog,
              app.config().rounds()),
          board,
          new BoardPages(app::listen),
          new AuditService(pool, repos.audit()),
          transparency(),
          registry,
          new RegistrySummaries(app::listen),
          new ReviewRoundService(pool, clock, registry, repos.reviewRounds(), auditLog),
          new CadreService(pool, clock, repos.cadres(), repos.households(), cipher, auditLog),
          new VillageService(pool, clock, repos.villages(), notices, auditLog),
          new NotificationService(pool, clock, repos.notifications()),
          reports,
          new InspectionService(
              app.vertx(),
              pool,
              clock,
              app.config().oversight(),
              repos.inspections(),
              engine,
              auditLog),
          new AccountabilityService(pool, clock, repos.accountability(), auditLog),
          reliability,
          funds,
          supervision,
          new ExportService(pool, board, notices, funds, supervision, repos.exports()),
          engine,
          deadlineService(engine),
          new DeadlineEvents(app.vertx(), app::listen),
          openData,
          sampling,
          new CertificateService(pool, repos.certificates()),
          new PledgeDayService(pool, clock, zone, repos.pledgeDays(), reliability, auditLog),
          new SubjectService(pool, repos.reportSubjects(), repos.regions()),
          new AboutService(pool, repos.about()),
          monitoring(notices, registry, needs, engine));
    }

    /** The monitor, on the registry, the one notice path and the marketplace's needs. */
    Monitoring monitoring(
        NoticeService notices, RegistryService registry, NeedService needs, Deadlines engine) {
      var m = repos.monitor();
      var config = app.config().monitor();
      var caseDeadlines = new CaseDeadlines(engine);
      var help = new CaseHelp(registry, needs, m.cases(), m.proposals(), m.thresholds(), cipher);
      var parts =
          new MonitorService.Parts(
              m.cases(),
              m.leads(),
              m.thresholds(),
              m.figures(),
              m.proposals(),
              cipher,
              caseDeadlines,
              help,
              new CaseNotices(notices, m.cases()));
      return new Monitoring(
          new MonitorService(app.pool(), app.clock(), config, parts, auditLog),
          new LeadService(
              app.pool(),
              app.clock(),
              config,
              m.cases(),
              m.leads(),
              cipher,
              caseDeadlines,
              auditLog),
          new WarningService(
              app.vertx(),
              app.pool(),
              app.clock(),
              config,
              m.warnings(),
              cipher,
              caseDeadlines,
              auditLog));
    }

    /** The 12317 desk, its reports' deadlines kept by the engine. */
    private ReportService reports(Deadlines engine) {
      return new ReportService(
          app.vertx(),
          app.pool(),
          app.clock(),
          app.config().oversight(),
          new org.bangfu.reports.Deadlines(app.config().oversight()),
          new TrackingSecrets(),
          repos.reports(),
          cipher,
          engine,
          auditLog);
    }

    /**
     * The deadline job's work: reports escalate to the city, findings to their inspector, a
     * monitoring case's late decision marks the case sent to the city, the rest one level up;
     * pledges warn of their expiry with time.
     */
    private DeadlineService deadlineService(Deadlines engine) {
      var reports = new ReportEscalation(repos.reports(), auditLog);
      return new DeadlineService(
          app.pool(),
          engine,
          repos.deadlines(),
          Map.of(
              DeadlineKind.REPORT_ACK,
              reports,
              DeadlineKind.REPORT_ANSWER,
              reports,
              DeadlineKind.FINDING_RECTIFY,
              new FindingEscalation(repos.inspections(), auditLog),
              DeadlineKind.MONITOR_DECISION,
              new MonitorEscalation(repos.monitor().cases(), auditLog)),
          List.of(new PledgeExpiringSweep(repos.pledges())),
          auditLog);
    }
  }
}
