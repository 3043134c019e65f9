package org.bangfu.app;

import org.bangfu.about.AboutRepository;
import org.bangfu.accountability.AccountabilityRepository;
import org.bangfu.allocations.AllocationRepository;
import org.bangfu.allocations.Ledger;
import org.bangfu.audit.AuditRepository;
import org.bangfu.audit.log.HeadRepository;
import org.bangfu.audit.log.TreeRepository;
import org.bangfu.auth.AccountRepository;
import org.bangfu.board.BoardRepository;
import org.bangfu.cadres.CadreRepository;
import org.bangfu.campaigns.CampaignRepository;
import org.bangfu.certificates.CertificateRepository;
import org.bangfu.claims.ClaimRepository;
import org.bangfu.deadlines.DeadlineRepository;
import org.bangfu.donors.DonorRepository;
import org.bangfu.expiry.ExpiryRepository;
import org.bangfu.exports.ExportRepository;
import org.bangfu.funds.FundLedger;
import org.bangfu.funds.FundRepository;
import org.bangfu.households.HouseholdGapRepository;
import org.bangfu.households.HouseholdRepository;
import org.bangfu.inspections.InspectionRepository;
import org.bangfu.monitor.CaseRepository;
import org.bangfu.monitor.FigureRepository;
import org.bangfu.monitor.LeadRepository;
import org.bangfu.monitor.ProposalRepository;
import org.bangfu.monitor.ThresholdRepository;
import org.bangfu.monitor.WarningRepository;
import org.bangfu.needs.NeedRepository;
import org.bangfu.needs.VillageCapRepository;
import org.bangfu.notices.NoticeRepository;
import org.bangfu.notifications.NotificationRepository;
import org.bangfu.opendata.OpenDataRepository;
import org.bangfu.pledgeday.PledgeDayRepository;
import org.bangfu.pledges.PledgeRepository;
import org.bangfu.progress.ProgressRepository;
import org.bangfu.regions.RegionRepository;
import org.bangfu.registry.ReviewRoundRepository;
import org.bangfu.registry.StatusApplicationRepository;
import org.bangfu.reliability.ReliabilityRepository;
import org.bangfu.reports.ReportRepository;
import org.bangfu.rounds.MatchRoundRepository;
import org.bangfu.rounds.ProblemRepository;
import org.bangfu.sampling.SamplingRepository;
import org.bangfu.signin.SignInRepository;
import org.bangfu.subjects.SubjectRepository;
import org.bangfu.supervision.SupervisionRepository;
import org.bangfu.users.UserRepository;
import org.bangfu.villages.VillageRepository;

/**
 * Every repository (and the fund ledger), made once. A repository holds no state (its SQL is
 * constants, its methods take the caller's {@code SqlClient}), so one of each serves every service
 * that reads its tables.
 */
public record Repositories(
    AccountRepository accounts,
    AccountabilityRepository accountability,
    AllocationRepository allocations,
    AuditRepository audit,
    BoardRepository board,
    CadreRepository cadres,
    CampaignRepository campaigns,
    ClaimRepository claims,
    DeadlineRepository deadlines,
    DonorRepository donors,
    ExpiryRepository expiry,
    ExportRepository exports,
    FundRepository funds,
    FundLedger fundLedger,
    HeadRepository heads,
    HouseholdRepository households,
    HouseholdGapRepository householdGaps,
    InspectionRepository inspections,
    Ledger ledger,
    NeedRepository needs,
    NoticeRepository notices,
    NotificationRepository notifications,
    PledgeRepository pledges,
    ProblemRepository problems,
    ProgressRepository progress,
    RegionRepository regions,
    ReviewRoundRepository reviewRounds,
    StatusApplicationRepository statusApplications,
    ReliabilityRepository reliability,
    ReportRepository reports,
    MatchRoundRepository rounds,
    SignInRepository signIn,
    SupervisionRepository supervision,
    TreeRepository tree,
    UserRepository users,
    VillageCapRepository villageCaps,
    VillageRepository villages,
    CertificateRepository certificates,
    OpenDataRepository openData,
    PledgeDayRepository pledgeDays,
    SamplingRepository sampling,
    SubjectRepository reportSubjects,
    AboutRepository about,
    Monitor monitor) {

  /** The monitor's repositories (防返贫动态监测). */
  public record Monitor(
      CaseRepository cases,
      LeadRepository leads,
      ThresholdRepository thresholds,
      FigureRepository figures,
      ProposalRepository proposals,
      WarningRepository warnings) {}

  public static Repositories create() {
    return new Repositories(
        new AccountRepository(),
        new AccountabilityRepository(),
        new AllocationRepository(),
        new AuditRepository(),
        new BoardRepository(),
        new CadreRepository(),
        new CampaignRepository(),
        new ClaimRepository(),
        new DeadlineRepository(),
        new DonorRepository(),
        new ExpiryRepository(),
        new ExportRepository(),
        new FundRepository(),
        new FundLedger(),
        new HeadRepository(),
        new HouseholdRepository(),
        new HouseholdGapRepository(),
        new InspectionRepository(),
        new Ledger(),
        new NeedRepository(),
        new NoticeRepository(),
        new NotificationRepository(),
        new PledgeRepository(),
        new ProblemRepository(),
        new ProgressRepository(),
        new RegionRepository(),
        new ReviewRoundRepository(),
        new StatusApplicationRepository(),
        new ReliabilityRepository(),
        new ReportRepository(),
        new MatchRoundRepository(),
        new SignInRepository(),
        new SupervisionRepository(),
        new TreeRepository(),
        new UserRepository(),
        new VillageCapRepository(),
        new VillageRepository(),
        new CertificateRepository(),
        new OpenDataRepository(),
        new PledgeDayRepository(),
        new SamplingRepository(),
        new SubjectRepository(),
        new AboutRepository(),
        new Monitor(
            new CaseRepository(),
            new LeadRepository(),
            new ThresholdRepository(),
            new FigureRepository(),
            new ProposalRepository(),
            new WarningRepository()));
  }
}
