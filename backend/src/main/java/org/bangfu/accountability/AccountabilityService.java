package org.bangfu.accountability;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.support.DomainException;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * 问责: 纪委 and auditors (and admins) open a case on a ground the record proves — a founded 12317
 * report, a repeated finding, a finding rectified late — and record its decision once. Who reads
 * the cases: auditors, admins and the united front all of them; a reviewer those of the counties in
 * their region, read-only (docs/oversight.md). Each change is written with its audit row in one
 * transaction.
 */
public final class AccountabilityService {
  private final Pool pool;
  private final Clock clock;
  private final AccountabilityRepository repo;

  private final AuditLog audit;

  public AccountabilityService(
      Pool pool, Clock clock, AccountabilityRepository repo, AuditLog audit) {
    this.audit = audit;
    this.pool = pool;
    this.clock = clock;
    this.repo = repo;
  }

  /** The case's source: a report or a finding, by id. */
  public record Source(Long reportId, Long findingId) {
    String name() {
      return reportId != null ? "report " + reportId : "finding " + findingId;
    }
  }

  /** May this user read this case? Reviewers: only a county inside their region. */
  static boolean canSee(CurrentUser user, AccountabilityCase c) {
    return user.role() != Role.REVIEWER
        || (c.countyId() != null && Access.regionContains(user.regionId(), c.countyId()));
  }

  // ---- opening

  public Future<AccountabilityCase> open(CurrentUser user, Source source, String summary) {
    Instant now = clock.instant();
    return pool.withTransaction(
        tx ->
            groundOf(tx, source)
                .compose(g -> insert(tx, user, source, g, summary, now))
                .compose(id -> repo.find(tx, id))
                .map(Optional::orElseThrow));
  }

  /** What the report or finding proves; 404 when there is none, 409 when it proves nothing. */
  private Future<AccountabilityRepository.GroundFound> groundOf(SqlConnection tx, Source s) {
    Future<Optional<AccountabilityRepository.GroundFound>> found =
        s.reportId() != null
            ? repo.reportGround(tx, s.reportId())
            : repo.findingGround(tx, s.findingId());
    return found.map(
        f -> {
          AccountabilityRepository.GroundFound g =
              f.orElseThrow(() -> DomainException.notFound(s.name()));
          if (g.ground().isEmpty()) {
            throw DomainException.conflict(
                "accountability_no_ground",
                s.reportId() != null
                    ? "the report's latest answer did not find it founded"
                    : "the finding is neither repeated nor rectified late",
                Map.of("source", s.reportId() != null ? "report" : "finding"));
          }
          return g;
        });
  }

  private Future<Long> insert(
      SqlConnection tx,
      CurrentUser user,
      Source s,
      AccountabilityRepository.GroundFound g,
      String summary,
      Instant now) {
    Ground ground = g.ground().orElseThrow();
    var row =
        new AccountabilityRepository.NewCase(
            ground,
            s.reportId(),
            s.findingId(),
            g.earlierFindingId(),
            g.countyId(),
            summary,
            user.id(),
            now);
    return repo.insert(tx, row)
        .compose(id -> id.isPresent() ? Future.succeededFuture(id.get()) : alreadyOpen(tx, s))
        .compose(
            id ->
                audit
                    .append(
                        tx,
                        user,
                        "accountability_case",
                        id,
                        "open",
                        null,
                        new JsonObject()
                            .put("ground", ground.wire())
                            .put("reportId", s.reportId())
                            .put("findingId", s.findingId())
                            .put("earlierFindingId", g.earlierFindingId())
                            .put("countyId", g.countyId())
                            .put("status", "open"))
                    .map(id));
  }

  /** A report or finding has one case: the second opening is refused, naming the first. */
  private Future<Long> alreadyOpen(SqlConnection tx, Source s) {
    return repo.caseOf(tx, s.reportId(), s.findingId())
        .map(
            existing -> {
              throw DomainException.conflict(
                  "accountability_case_exists",
                  "a case was already opened from " + s.name(),
                  Map.of("caseId", existing.orElse(0L)));
            });
  }

  // ---- deciding

  /** The decision, once: the case decided, one row per person, the audit row. */
  public Future<AccountabilityCase> decide(
      CurrentUser user, long id, String basis, List<Person> people) {
    Instant now = clock.instant();
    return pool.withTransaction(
        tx ->
            repo.find(tx, id)
                .map(found -> found.orElseThrow(() -> DomainException.notFound("case " + id)))
                .compose(c -> repo.decide(tx, id, basis, user.id(), now))
                .compose(
                    decided -> {
                      if (!decided) {
                        throw DomainException.conflict(
                            "accountability_case_decided",
                            "case " + id + " is decided already",
                            Map.of());
                      }
                      return repo.insertPeople(tx, id, people);
                    })
                .compose(v -> auditDecision(tx, user, id, people))
                .compose(v -> repo.find(tx, id))
                .map(Optional::orElseThrow));
  }

  private Future<Void> auditDecision(
      SqlConnection tx, CurrentUser user, long id, List<Person> people) {
    JsonArray measures = new JsonArray();
    people.forEach(p -> measures.add(p.measure()));
    return audit.append(
        tx,
        user,
        "accountability_case",
        id,
        "decide",
        new JsonObject().put("status", "open"),
        new JsonObject()
            .put("status", "decided")
            .put("people", people.size())
            .put("measures", measures));
  }

  // ---- reading

  public Future<Page<AccountabilityCase>> list(
      CurrentUser user, String county, String status, String ground, Paging paging) {
    String region = user.role() == Role.REVIEWER ? user.regionId() : null;
    return repo.list(
        pool, new AccountabilityRepository.Filter(county, status, ground, region), paging);
  }

  public Future<AccountabilityCase> get(CurrentUser user, long id) {
    return repo.find(pool, id)
        .map(
            found -> {
              AccountabilityCase c =
                  found.orElseThrow(() -> DomainException.notFound("case " + id));
              if (!canSee(user, c)) {
                throw DomainException.forbidden("case " + id + " belongs to another county");
              }
              return c;
            });
  }

  public Future<Page<CaseGround>> grounds(String county, Paging paging) {
    return repo.grounds(pool, county, paging);
  }
}
