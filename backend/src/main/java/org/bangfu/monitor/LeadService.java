package org.bangfu.monitor;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.config.MonitorConfig;
import org.bangfu.privacy.LazyCipher;
import org.bangfu.privacy.PersonalDataCipher;
import org.bangfu.support.DomainException;

/**
 * Two of the three channels of leads, one lead at a time: the household's own report (自主申报, no
 * account, made for a phone, limited per address and day, followed by its tracking number and
 * secret) and a cadre's visit (八必访). A lead about a person with a case open joins it (the same
 * person is one case, whatever the channel); otherwise it opens a case with its deadlines in the
 * engine ({@link CaseDeadlines}: the home check due in working days, the decision 15 days on),
 * queued for its county's triage.
 */
public final class LeadService {
  /** What a self-report scores in the triage queue: the household asks itself. */
  static final int SELF_REPORT_SCORE = 30;

  /** What a cadre's lead scores: someone who knows the household went and saw. */
  static final int CADRE_SCORE = 40;

  private final Pool pool;
  private final Clock clock;
  private final MonitorConfig config;
  private final CaseRepository cases;
  private final LeadRepository leads;
  private final LazyCipher cipher;
  private final CaseDeadlines deadlines;
  private final TrackingCodes codes;

  private final AuditLog audit;

  public LeadService(
      Pool pool,
      Clock clock,
      MonitorConfig config,
      CaseRepository cases,
      LeadRepository leads,
      LazyCipher cipher,
      CaseDeadlines deadlines,
      AuditLog audit) {
    this(pool, clock, config, cases, leads, cipher, deadlines, audit, new TrackingCodes());
  }

  /** With the tracking codes' source given (the demo's is seeded, so its reports are the same). */
  public LeadService(
      Pool pool,
      Clock clock,
      MonitorConfig config,
      CaseRepository cases,
      LeadRepository leads,
      LazyCipher cipher,
      CaseDeadlines deadlines,
      AuditLog audit,
      TrackingCodes codes) {
    this.codes = codes;
    this.audit = audit;
    this.pool = pool;
    this.clock = clock;
    this.config = config;
    this.cases = cases;
    this.leads = leads;
    this.cipher = cipher;
    this.deadlines = deadlines;
  }

  /** A household's own report: at most six fields. */
  public record SelfReport(
      String name, String phone, String idNumber, String hardship, String villageId, String risk) {}

  /** What the reporter takes away: the tracking number and the secret (shown once). */
  public record Filed(String trackingNumber, String secret, Instant checkDue) {}

  /** A cadre's lead: a registered household, or a person not in the register by name and ID. */
  public record CadreLead(
      Long householdId,
      String name,
      String idNumber,
      String villageId,
      String visitReason,
      String risk,
      Long amount,
      String detail) {}

  /** A person a lead is about, as it opens or joins a case. */
  record Person(
      String villageId,
      Long householdId,
      byte[] digest,
      String name,
      byte[] idSealed,
      byte[] phoneSealed) {}

  /** The case a lead went to, and whether it opened it. */
  record Landed(long caseId, boolean opened) {}

  // ---- the household's own report

  public Future<Filed> selfReport(SelfReport r, String address) {
    Instant now = clock.instant();
    return cipher
        .get()
        .compose(c -> pool.withTransaction(tx -> fileReport(tx, c, r, address, now)));
  }

  /**
   * A self-report filed on the caller's transaction at a given instant, by the same rules (the
   * daily limit per address included): how the demo data files its households' reports.
   */
  public Future<Filed> selfReportIn(
      SqlConnection tx, PersonalDataCipher c, SelfReport r, String address, Instant at) {
    return fileReport(tx, c, r, address, at);
  }

  private Future<Filed> fileReport(
      SqlConnection tx, PersonalDataCipher c, SelfReport r, String address, Instant now) {
    byte[] from = c.digest(Sealing.ADDRESS_FIELD, address == null ? "unknown" : address);
    return leads
        .filedSince(tx, from, now.minus(Duration.ofDays(1)))
        .map(this::underDailyLimit)
        .compose(v -> village(tx, r.villageId(), "villageId"))
        .compose(v -> person(tx, c, r.idNumber(), r.name(), r.phone(), r.villageId()))
        .compose(p -> land(tx, p, r.risk(), SELF_REPORT_SCORE, now))
        .compose(at -> reportLead(tx, at, r, now))
        .compose(leadCase -> tracked(tx, leadCase, from, r.villageId(), now));
  }

  private Void underDailyLimit(long filed) {
    if (filed >= config.reportsPerDay()) {
      throw new DomainException(
          DomainException.Kind.TOO_MANY_REQUESTS,
          "report_limit",
          "at most " + config.reportsPerDay() + " reports a day from one address",
          DomainException.params("max", config.reportsPerDay(), "retryAfter", 3600),
          List.of());
    }
    return null;
  }

  /** The lead of a self-report; answers its id with its case's. */
  private Future<long[]> reportLead(SqlConnection tx, Landed at, SelfReport r, Instant now) {
    return leads
        .insert(
            tx,
            new LeadRepository.NewLead(
                at.caseId(), "self_report", null, null, r.risk(), null, r.hardship(), null, now))
        .map(id -> new long[] {id, at.caseId()});
  }

  /** The tracking number and secret, the report's row and its audit row (naming no one). */
  private Future<Filed> tracked(
      SqlConnection tx, long[] leadCase, byte[] from, String village, Instant now) {
    String tracking = codes.trackingNumber(LocalDate.ofInstant(now, WorkingDays.CHINA));
    String secret = codes.secret();
    return leads
        .insertReport(tx, tracking, TrackingCodes.digest(secret), from, leadCase[0], now)
        .compose(
            v ->
                audit.append(
                    tx,
                    null,
                    "monitor_case",
                    leadCase[1],
                    "self_report",
                    null,
                    new JsonObject().put("leadId", leadCase[0]).put("villageId", village)))
        .map(v -> new Filed(tracking, secret, checkDue(now)));
  }

  /** What the reporter may see of their report's case: its stage and dates, nothing of anyone. */
  public Future<LeadRepository.Tracked> track(String tracking, String secret) {
    return leads
        .tracked(pool, tracking)
        .map(
            o ->
                o.filter(t -> TrackingCodes.matches(secret, t.secretDigest()))
                    .orElseThrow(
                        () ->
                            DomainException.invalid(
                                "secret",
                                "tracking_mismatch",
                                "the tracking number and secret do not match a report")));
  }

  /** A village's names for its QR poster; a code that is no village is not found. */
  public Future<CaseRepository.Place> poster(String villageId) {
    return leads
        .regionLevel(pool, villageId)
        .compose(
            level ->
                level.filter("village"::equals).isPresent()
                    ? cases.place(pool, villageId)
                    : Future.failedFuture(DomainException.notFound("village " + villageId)));
  }

  // ---- a cadre's visit

  public Future<Long> cadreLead(CurrentUser user, CadreLead l) {
    Instant now = clock.instant();
    return cipher
        .get()
        .compose(c -> pool.withTransaction(tx -> fileCadreLead(tx, c, user, l, now)));
  }

  private Future<Long> fileCadreLead(
      SqlConnection tx, PersonalDataCipher c, CurrentUser user, CadreLead l, Instant now) {
    Future<Person> who =
        l.householdId() != null
            ? registered(tx, user, l.householdId())
            : village(tx, l.villageId(), "villageId")
                .map(v -> mayActFor(user, l.villageId(), "villageId"))
                .compose(v -> person(tx, c, l.idNumber(), l.name(), null, l.villageId()));
    String risk = l.risk() != null ? l.risk() : MonitorKinds.VISIT_RISK.get(l.visitReason());
    return who.compose(p -> land(tx, p, risk, CADRE_SCORE, now))
        .compose(
            at ->
                leads
                    .insert(
                        tx,
                        new LeadRepository.NewLead(
                            at.caseId(),
                            "cadre",
                            null,
                            l.visitReason(),
                            risk,
                            l.amount(),
                            l.detail(),
                            user.id(),
                            now))
                    .compose(
                        leadId ->
                            audit
                                .append(
                                    tx,
                                    user,
                                    "monitor_case",
                                    at.caseId(),
                                    "cadre_lead",
                                    null,
                                    new JsonObject()
                                        .put("leadId", leadId)
                                        .put("visitReason", l.visitReason())
                                        .put("opened", at.opened()))
                                .map(at.caseId())));
  }

  /** A registered household of the user's village (or region), as the person of a lead. */
  private Future<Person> registered(SqlConnection tx, CurrentUser user, long householdId) {
    return leads
        .household(tx, householdId)
        .map(
            o ->
                o.filter(h -> Access.canActForVillage(user, h.villageId()))
                    .orElseThrow(
                        () ->
                            DomainException.invalid(
                                "householdId", "unknown_household", "is not a household of yours")))
        .map(h -> new Person(h.villageId(), h.id(), h.digest(), null, null, null));
  }

  private static Void mayActFor(CurrentUser user, String village, String field) {
    if (!Access.canActForVillage(user, village) || user.is(Role.DONOR)) {
      throw DomainException.invalid(field, "not_your_village", "is a village that is not yours");
    }
    return null;
  }

  // ---- a person, a case

  /** The village named exists (a village, not another level). */
  Future<Void> village(SqlConnection tx, String village, String field) {
    return leads
        .regionLevel(tx, village)
        .map(
            level -> {
              if (!level.filter("village"::equals).isPresent()) {
                throw DomainException.invalid(field, "unknown_village", "is not a known village");
              }
              return null;
            });
  }

  /**
   * The person of a lead by their ID number: the registered household whose head it is (matched by
   * the blind index), else a person not in the register, sealed.
   */
  private Future<Person> person(
      SqlConnection tx,
      PersonalDataCipher c,
      String idNumber,
      String name,
      String phone,
      String village) {
    byte[] digest = c.digest(Sealing.DIGEST_FIELD, idNumber);
    return leads
        .householdByDigest(tx, digest)
        .map(
            found ->
                found
                    .map(h -> new Person(h.villageId(), h.id(), digest, null, null, null))
                    .orElseGet(
                        () ->
                            new Person(
                                village,
                                null,
                                digest,
                                name,
                                c.encrypt(Sealing.ID_FIELD, idNumber),
                                phone == null ? null : c.encrypt(Sealing.PHONE_FIELD, phone))));
  }

  /**
   * The lead lands: it joins the person's open case, or opens one queued for the county's triage
   * with its clock; the case's timeline says which.
   */
  Future<Landed> land(SqlConnection tx, Person p, String risk, int score, Instant now) {
    List<String> risks = risk == null ? List.of() : List.of(risk);
    return cases
        .join(tx, p.digest(), score, risks, p.villageId(), p.householdId())
        .compose(
            joined ->
                joined.isPresent()
                    ? cases
                        .event(tx, joined.get(), "lead_joined", null, risk, now)
                        .map(new Landed(joined.get(), false))
                    : open(tx, p, risks, score, now));
  }

  private Future<Landed> open(
      SqlConnection tx, Person p, List<String> risks, int score, Instant now) {
    String county = countyOf(p.villageId());
    var c =
        new CaseRepository.NewCase(
            county,
            p.villageId(),
            p.householdId(),
            p.digest(),
            p.name(),
            p.idSealed(),
            p.phoneSealed(),
            null,
            risks,
            score,
            now,
            checkDue(now),
            decisionDue(now));
    return cases
        .insert(tx, c)
        .compose(
            id ->
                id.isPresent()
                    ? opened(tx, id.get(), c)
                    // another lead about the person opened one at the same moment: join it
                    : land(tx, p, risks.isEmpty() ? null : risks.get(0), score, now));
  }

  private Future<Landed> opened(SqlConnection tx, long id, CaseRepository.NewCase c) {
    return cases
        .event(tx, id, "opened", null, "", c.openedAt())
        .compose(v -> deadlines.opened(tx, List.of(id)))
        .map(new Landed(id, true));
  }

  Instant checkDue(Instant from) {
    return WorkingDays.after(from, config.checkWorkingDays());
  }

  Instant decisionDue(Instant from) {
    return from.plus(Duration.ofDays(config.decisionDays()));
  }

  /** The county of a village or township code (its first segment). */
  static String countyOf(String region) {
    int dash = region.indexOf('-');
    return dash < 0 ? region : region.substring(0, dash);
  }
}
