package org.bangfu.demo;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.Random;
import org.bangfu.allocations.AllocationDeadlines;
import org.bangfu.allocations.AllocationRepository;
import org.bangfu.allocations.Ledger;
import org.bangfu.audit.AuditLog;
import org.bangfu.audit.AuditRepository;
import org.bangfu.config.AppConfig;
import org.bangfu.deadlines.DeadlineRepository;
import org.bangfu.deadlines.DeadlineRules;
import org.bangfu.deadlines.Deadlines;
import org.bangfu.expiry.Expiry;
import org.bangfu.households.HouseholdGapRepository;
import org.bangfu.households.HouseholdRepository;
import org.bangfu.households.HouseholdService;
import org.bangfu.monitor.CaseDeadlines;
import org.bangfu.monitor.CaseHelp;
import org.bangfu.monitor.CaseNotices;
import org.bangfu.monitor.CaseRepository;
import org.bangfu.monitor.FigureRepository;
import org.bangfu.monitor.LeadRepository;
import org.bangfu.monitor.LeadService;
import org.bangfu.monitor.MonitorService;
import org.bangfu.monitor.ProposalRepository;
import org.bangfu.monitor.ThresholdRepository;
import org.bangfu.monitor.TrackingCodes;
import org.bangfu.monitor.WarningRepository;
import org.bangfu.monitor.WarningService;
import org.bangfu.needs.NeedRepository;
import org.bangfu.needs.NeedService;
import org.bangfu.notices.NoticeRepository;
import org.bangfu.notices.NoticeService;
import org.bangfu.privacy.LazyCipher;
import org.bangfu.regions.RegionRepository;
import org.bangfu.registry.RegistryService;
import org.bangfu.registry.StatusApplicationRepository;

/**
 * The monitor's services as the server builds them (the composition root's wiring, with the default
 * settings), on the loader's one connection and a clock the loader moves: the demo's warnings,
 * reports and case steps go through the monitor's own rules, deadlines and audit rows.
 */
record MonitorDemoServices(
    WarningService warnings,
    LeadService leads,
    MonitorService cases,
    NoticeService notices,
    DemoClock clock) {

  /** The seed of the demo's tracking codes: the same reports on every load. */
  static final long CODES_SEED = 20201231L;

  static MonitorDemoServices build(Vertx vertx, Pool pool, DemoClock clock) {
    AppConfig config = AppConfig.fromEnv(Map.of());
    AuditLog audit = new AuditLog(new AuditRepository());
    LazyCipher cipher = new LazyCipher(pool);
    Deadlines engine =
        new Deadlines(
            clock, DeadlineRules.of(config, Expiry.PROPOSAL_DAYS), new DeadlineRepository());
    NoticeService notices =
        new NoticeService(
            pool, clock, config.funds(), new NoticeRepository(), cipher, engine, audit);
    HouseholdRepository householdRows = new HouseholdRepository();
    HouseholdService households =
        new HouseholdService(
            pool, clock, householdRows, new HouseholdGapRepository(), cipher, audit);
    RegistryService registry =
        new RegistryService(
            pool,
            clock,
            notices,
            households,
            householdRows,
            new StatusApplicationRepository(),
            engine,
            audit);
    NeedService needs =
        new NeedService(
            pool,
            clock,
            new Ledger(),
            new NeedRepository(),
            new AllocationRepository(),
            new RegionRepository(),
            engine,
            new AllocationDeadlines(engine),
            audit);
    CaseRepository cases = new CaseRepository();
    ProposalRepository proposals = new ProposalRepository();
    ThresholdRepository thresholds = new ThresholdRepository();
    LeadRepository leads = new LeadRepository();
    CaseDeadlines caseDeadlines = new CaseDeadlines(engine);
    CaseHelp help = new CaseHelp(registry, needs, cases, proposals, thresholds, cipher);
    var parts =
        new MonitorService.Parts(
            cases,
            leads,
            thresholds,
            new FigureRepository(),
            proposals,
            cipher,
            caseDeadlines,
            help,
            new CaseNotices(notices, cases));
    var monitorConfig = config.monitor();
    return new MonitorDemoServices(
        new WarningService(
            vertx,
            pool,
            clock,
            monitorConfig,
            new WarningRepository(),
            cipher,
            caseDeadlines,
            audit),
        new LeadService(
            pool,
            clock,
            monitorConfig,
            cases,
            leads,
            cipher,
            caseDeadlines,
            audit,
            new TrackingCodes(new Random(CODES_SEED))),
        new MonitorService(pool, clock, monitorConfig, parts, audit),
        notices,
        clock);
  }
}
