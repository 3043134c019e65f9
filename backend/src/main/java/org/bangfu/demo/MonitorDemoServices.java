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
    Platform p =
        new Platform(
            vertx,
            pool,
            clock,
            config,
            new AuditLog(new AuditRepository()),
            new LazyCipher(pool),
            new Deadlines(
                clock, DeadlineRules.of(config, Expiry.PROPOSAL_DAYS), new DeadlineRepository()));
    NoticeService notices =
        new NoticeService(
            pool, clock, config.funds(), new NoticeRepository(), p.cipher(), p.engine(), p.audit());
    return monitor(p, notices, registry(p, notices), needs(p));
  }

  /** What every service here is built on. */
  private record Platform(
      Vertx vertx,
      Pool pool,
      DemoClock clock,
      AppConfig config,
      AuditLog audit,
      LazyCipher cipher,
      Deadlines engine) {}

  private static RegistryService registry(Platform p, NoticeService notices) {
    HouseholdRepository rows = new HouseholdRepository();
    HouseholdService households =
        new HouseholdService(
            p.pool(), p.clock(), rows, new HouseholdGapRepository(), p.cipher(), p.audit());
    return new RegistryService(
        p.pool(),
        p.clock(),
        notices,
        households,
        rows,
        new StatusApplicationRepository(),
        p.engine(),
        p.audit());
  }

  private static NeedService needs(Platform p) {
    return new NeedService(
        p.pool(),
        p.clock(),
        new Ledger(),
        new NeedRepository(),
        new AllocationRepository(),
        new RegionRepository(),
        p.engine(),
        new AllocationDeadlines(p.engine()),
        p.audit());
  }

  private static MonitorDemoServices monitor(
      Platform p, NoticeService notices, RegistryService registry, NeedService needs) {
    CaseRepository cases = new CaseRepository();
    ProposalRepository proposals = new ProposalRepository();
    ThresholdRepository thresholds = new ThresholdRepository();
    LeadRepository leads = new LeadRepository();
    CaseDeadlines deadlines = new CaseDeadlines(p.engine());
    CaseHelp help = new CaseHelp(registry, needs, cases, proposals, thresholds, p.cipher());
    var parts =
        new MonitorService.Parts(
            cases,
            leads,
            thresholds,
            new FigureRepository(),
            proposals,
            p.cipher(),
            deadlines,
            help,
            new CaseNotices(notices, cases));
    var config = p.config().monitor();
    return new MonitorDemoServices(
        new WarningService(
            p.vertx(),
            p.pool(),
            p.clock(),
            config,
            new WarningRepository(),
            p.cipher(),
            deadlines,
            p.audit()),
        new LeadService(
            p.pool(),
            p.clock(),
            config,
            cases,
            leads,
            p.cipher(),
            deadlines,
            p.audit(),
            new TrackingCodes(new Random(CODES_SEED))),
        new MonitorService(p.pool(), p.clock(), config, parts, p.audit()),
        notices,
        p.clock());
  }
}
