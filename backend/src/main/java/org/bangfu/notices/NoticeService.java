package org.bangfu.notices;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.config.FundsConfig;
import org.bangfu.deadlines.DeadlineKind;
import org.bangfu.deadlines.Deadlines;
import org.bangfu.deadlines.Opening;
import org.bangfu.deadlines.Owner;
import org.bangfu.deadlines.Rule;
import org.bangfu.deadlines.Subject;
import org.bangfu.privacy.LazyCipher;
import org.bangfu.privacy.PersonalDataCipher;
import org.bangfu.privacy.PublicText;
import org.bangfu.support.DomainException;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * Public notice (公告公示) and objections (异议): the rules.
 *
 * <ul>
 *   <li>{@link #publish} announces something in the caller's transaction, for the window of its
 *       kind ({@link FundsConfig#windowDays}).
 *   <li>Anyone may object to a notice that is not closed, inside its window, at most {@link
 *       FundsConfig#objectionsPerDay} times a day from one address; the notice is then held until
 *       every objection is answered by a reviewer of its region.
 *   <li>{@link #closeDue} closes open notices whose window has passed and tells the listeners of
 *       their kind; a held notice never closes.
 * </ul>
 *
 * <p>Lock order: the notice row, then its objection rows; the audit row last.
 */
public final class NoticeService {
  static final String CONTACT_FIELD = "objection.contact";
  static final String ADDRESS_FIELD = "objection.address";

  private final Pool pool;
  private final Clock clock;
  private final FundsConfig config;
  private final NoticeRepository notices;
  private final LazyCipher cipher;
  private final Deadlines engine;

  private final AuditLog audit;

  public NoticeService(
      Pool pool,
      Clock clock,
      FundsConfig config,
      NoticeRepository notices,
      LazyCipher cipher,
      Deadlines engine,
      AuditLog audit) {
    this.audit = audit;
    this.engine = engine;
    this.pool = pool;
    this.clock = clock;
    this.config = config;
    this.notices = notices;
    this.cipher = cipher;
  }

  /** A notice with its objections as the public sees them. */
  public record NoticeWithObjections(Notice notice, List<Objection> objections) {}

  /** A filed objection, as answered to the objector. */
  public record Filed(long id, long noticeId, Instant filedAt, Instant dueAt) {}

  // ---------------------------------------------------------------- publishing

  /** A published notice: its id and window. */
  public record Published(long id, Instant publishedAt, Instant windowEndsAt) {}

  /**
   * Publishes a notice in the caller's transaction; answers its id. It appends an audit row, so
   * call it after the caller's own row locks.
   */
  public Future<Long> publish(SqlClient tx, NoticeDraft d) {
    return publishNotice(tx, d).map(Published::id);
  }

  /**
   * Publishes a notice in the caller's transaction for the window of its kind; answers it with its
   * window. What it says passes the one privacy filter ({@link PublicText}) before it is stored.
   */
  public Future<Published> publishNotice(SqlClient tx, NoticeDraft draft) {
    NoticeDraft d = scrubbed(draft);
    Instant now = clock.instant();
    Instant ends = now.plus(Duration.ofDays(config.windowDays(d.kind())));
    String county = d.regionId().split("-")[0];
    return notices
        .insert(tx, d, county, now, ends)
        .compose(
            id ->
                audit
                    .append(
                        tx,
                        null,
                        "notice",
                        id,
                        "published",
                        null,
                        new JsonObject()
                            .put("kind", d.kind())
                            .put("subject", d.subjectType() + ":" + d.subjectId())
                            .put("regionId", d.regionId())
                            .put("amount", d.amount())
                            .put("windowEndsAt", ends.toString()))
                    .compose(v -> openWindow(tx, id, d, ends))
                    .map(new Published(id, now, ends)));
  }

  private static NoticeDraft scrubbed(NoticeDraft d) {
    return new NoticeDraft(
        d.kind(),
        d.subjectType(),
        d.subjectId(),
        d.regionId(),
        PublicText.scrub(d.title()),
        d.amount(),
        PublicText.scrub(d.source()),
        PublicText.scrub(d.purpose()),
        PublicText.scrub(d.place()),
        PublicText.scrub(d.implementer()),
        PublicText.scrub(d.beneficiaries()));
  }

  /**
   * Withdraws a notice that has not closed (a founded objection stopped what it announced), in the
   * caller's transaction after the caller's own locks: nothing of its kind happens when its window
   * ends. Its open objections still wait for their answers. Answers whether it was withdrawn
   * (false: it had closed, or was withdrawn before).
   */
  public Future<Boolean> withdraw(SqlClient tx, long noticeId, String reason) {
    return notices
        .withdraw(tx, noticeId, clock.instant(), reason)
        .compose(
            done ->
                !done
                    ? Future.succeededFuture(false)
                    : audit
                        .append(
                            tx,
                            null,
                            "notice",
                            noticeId,
                            "withdrawn",
                            null,
                            new JsonObject().put("status", "withdrawn").put("reason", reason))
                        // nothing waits for a withdrawn notice's window any more
                        .compose(
                            v ->
                                engine.cancel(
                                    tx, DeadlineKind.NOTICE_WINDOW, Subject.of(NOTICE, noticeId)))
                        .map(true));
  }

  /**
   * The notice's window as a deadline of its county's desk, under the window of its kind: met when
   * the notice closes, late while objections hold it past its end.
   */
  private Future<Void> openWindow(SqlClient tx, long id, NoticeDraft d, Instant ends) {
    String setting =
        config.noticeWindowByKind().containsKey(d.kind())
            ? "BANGFU_NOTICE_WINDOW_DAYS_" + d.kind().toUpperCase(java.util.Locale.ROOT)
            : "BANGFU_NOTICE_WINDOW_DAYS";
    Opening o =
        Opening.of(Subject.of(NOTICE, id), Owner.countyOf(d.regionId()), d.regionId(), d.title())
            .until(ends)
            .under(Rule.days(setting, config.windowDays(d.kind())));
    return engine.open(tx, DeadlineKind.NOTICE_WINDOW, o).mapEmpty();
  }

  /** What the deadlines of notices and objections are about. */
  static final String NOTICE = "notice";

  static final String OBJECTION = "objection";

  /**
   * Publishes the notice of a verified allocation (捐赠到位公示) in the verifying transaction: village,
   * donor, campaign, what was given; of a household only that it is one. Publishing twice answers
   * the first notice.
   */
  public Future<Long> publishAllocationVerified(SqlClient tx, long allocationId) {
    return notices
        .existing(tx, NoticeKinds.ALLOCATION_VERIFIED, "allocation", Long.toString(allocationId))
        .compose(
            found ->
                found.isPresent()
                    ? Future.succeededFuture(found.get())
                    : notices
                        .verifiedAllocation(tx, allocationId)
                        .map(a -> draftOf(allocationId, a))
                        .compose(d -> publish(tx, d)));
  }

  /**
   * Publishes the correction (更正) of a verified allocation's notice when its verification is
   * revoked, in the revoking transaction (the allocation is locked first): only while the notice is
   * in its window and not closed; after that the verification stands, refused with {@code
   * revoke_window_passed}. The notice keeps what it said; the correction is shown beside it.
   */
  public Future<Long> correctAllocationVerified(
      SqlClient tx, CurrentUser user, long allocationId, String reason) {
    Instant now = clock.instant();
    return notices
        .lockStanding(
            tx, NoticeKinds.ALLOCATION_VERIFIED, "allocation", Long.toString(allocationId))
        .map(found -> withinWindow(found, allocationId, now))
        .compose(
            n ->
                notices
                    .correct(tx, n.id(), reason, now)
                    .compose(
                        v ->
                            audit.append(
                                tx,
                                user,
                                "notice",
                                n.id(),
                                "corrected",
                                new JsonObject().put("status", n.status().wire()),
                                new JsonObject()
                                    .put("status", n.status().wire())
                                    .put("correction", reason)
                                    .put("allocation", allocationId)))
                    .map(n.id()));
  }

  /** The notice, if a correction may still be published on it: in its window, not closed. */
  private static NoticeRepository.Locked withinWindow(
      Optional<NoticeRepository.Locked> found, long allocationId, Instant now) {
    return found
        .filter(n -> n.status() != Notice.Status.CLOSED && now.isBefore(n.windowEndsAt()))
        .orElseThrow(
            () ->
                DomainException.conflict(
                    "revoke_window_passed",
                    "the notice window of allocation "
                        + allocationId
                        + " has passed: its verification can no longer be revoked",
                    found.isPresent()
                        ? DomainException.params(
                            "id",
                            allocationId,
                            "windowEndsAt",
                            found.get().windowEndsAt().toString())
                        : DomainException.params("id", allocationId)));
  }

  /**
   * What the notice of a verified allocation says (nothing about a household but that it is one).
   */
  private static NoticeDraft draftOf(
      long allocationId, Optional<NoticeRepository.VerifiedAllocation> found) {
    NoticeRepository.VerifiedAllocation a =
        found.orElseThrow(() -> DomainException.notFound("allocation " + allocationId));
    if (!"verified".equals(a.status())) {
      throw DomainException.conflict(
          "allocation_not_verified",
          "allocation " + allocationId + " is not verified",
          DomainException.params("id", allocationId));
    }
    boolean cny = "CNY".equals(a.unit());
    String what = a.needTitle() + (cny ? "" : "（" + a.quantity() + " " + unitWord(a.unit()) + "）");
    return new NoticeDraft(
        NoticeKinds.ALLOCATION_VERIFIED,
        "allocation",
        Long.toString(allocationId),
        a.villageId(),
        a.donorName() + " 帮扶" + a.villageName() + "到位公示",
        cny ? a.quantity() : null,
        a.campaignName() == null ? "社会帮扶" : "社会帮扶 · " + a.campaignName(),
        what,
        joinPlace(a.countyName(), a.townshipName(), a.villageName()),
        a.donorName(),
        a.forHousehold() ? a.villageName() + "建档立卡贫困户 1 户" : a.villageName() + "村集体及村民");
  }

  static String joinPlace(String... parts) {
    StringBuilder b = new StringBuilder();
    for (String p : parts) {
      if (p != null) {
        b.append(p);
      }
    }
    return b.toString();
  }

  private static String unitWord(String unit) {
    return switch (unit) {
      case "job" -> "个岗位";
      case "training-place" -> "个培训名额";
      default -> "件";
    };
  }

  // ---------------------------------------------------------------- reading

  public Future<Page<Notice>> list(NoticeRepository.Filter f, Paging paging) {
    return notices.list(pool, f, paging);
  }

  public Future<List<Notice>> all(NoticeRepository.Filter f, int limit) {
    return notices.all(pool, f, limit);
  }

  public Future<NoticeWithObjections> get(long id) {
    return notices
        .find(pool, id)
        .compose(
            n ->
                n.isEmpty()
                    ? Future.failedFuture(DomainException.notFound("notice " + id))
                    : notices
                        .objectionsOf(pool, id)
                        .map(os -> new NoticeWithObjections(n.get(), os)));
  }

  /**
   * Objections a user works from: a reviewer those of their region, with the contact; an auditor
   * all, with the contact; an admin all, without it.
   */
  public Future<Page<Objection>> objections(CurrentUser user, String status, Paging paging) {
    String region = user.role() == Role.REVIEWER ? user.regionId() : null;
    boolean contact = user.role() == Role.REVIEWER || user.role() == Role.AUDITOR;
    return notices
        .objections(pool, new NoticeRepository.ObjectionFilter(region, status), paging)
        .compose(page -> contact ? withContacts(page) : Future.succeededFuture(page));
  }

  private Future<Page<Objection>> withContacts(Page<Objection> page) {
    if (page.items().stream().noneMatch(Objection::hasContact)) {
      return Future.succeededFuture(page);
    }
    return cipher
        .get()
        .compose(
            c -> {
              List<Future<Objection>> each = new ArrayList<>();
              for (Objection o : page.items()) {
                each.add(
                    !o.hasContact()
                        ? Future.succeededFuture(o)
                        : notices
                            .contactOf(pool, o.id())
                            .map(
                                enc ->
                                    o.withContact(
                                        enc.map(b -> c.decrypt(CONTACT_FIELD, b)).orElse(null))));
              }
              return Future.all(each)
                  .map(
                      all ->
                          new Page<>(
                              each.stream().map(Future::result).toList(),
                              page.total(),
                              page.page(),
                              page.size()));
            });
  }

  public boolean overdue(Objection o) {
    return o.status() == Objection.Status.OPEN && o.dueAt().toInstant().isBefore(clock.instant());
  }

  // ---------------------------------------------------------------- objections

  /** Files an objection from {@code address} (kept only as a keyed digest). */
  public Future<Filed> object(long noticeId, String text, String contact, String address) {
    Objecting o = new Objecting(noticeId, text, contact, address);
    return cipher.get().compose(c -> pool.withTransaction(tx -> file(tx, c, o)));
  }

  /** An objection as filed: to which notice, what it says, the contact and the address. */
  private record Objecting(long noticeId, String text, String contact, String address) {}

  /** Step of {@link #object}, in its transaction: the notice's lock, then the objection. */
  private Future<Filed> file(SqlConnection tx, PersonalDataCipher c, Objecting o) {
    return notices
        .lock(tx, o.noticeId())
        .compose(
            found ->
                file(
                    tx,
                    c,
                    o,
                    found.orElseThrow(() -> DomainException.notFound("notice " + o.noticeId())),
                    clock.instant()));
  }

  /**
   * The objection on the locked notice, inside its window and the address's daily limit: its row,
   * the notice held, the audit row.
   */
  private Future<Filed> file(
      SqlConnection tx, PersonalDataCipher c, Objecting o, NoticeRepository.Locked n, Instant now) {
    requireWindowOpen(n, now);
    byte[] digest = c.digest(ADDRESS_FIELD, o.address() == null ? "unknown" : o.address());
    Instant due = now.plus(Duration.ofDays(config.objectionAnswerDays()));
    return notices
        .filedSince(tx, digest, now.minus(Duration.ofDays(1)))
        .compose(this::underDailyLimit)
        .compose(
            v ->
                notices.insertObjection(
                    tx,
                    n.id(),
                    o.text(),
                    o.contact() == null ? null : c.encrypt(CONTACT_FIELD, o.contact()),
                    digest,
                    now,
                    due))
        .compose(
            id ->
                hold(tx, n, id, due)
                    .compose(v -> openAnswer(tx, n, id, due))
                    .map(new Filed(id, n.id(), now, due)));
  }

  /** An objection's answer, due from its county's desk. */
  private Future<Void> openAnswer(
      SqlConnection tx, NoticeRepository.Locked n, long objectionId, Instant due) {
    return notices
        .find(tx, n.id())
        .compose(
            found ->
                engine.open(
                    tx,
                    DeadlineKind.OBJECTION_ANSWER,
                    Opening.of(
                            Subject.of(OBJECTION, objectionId),
                            Owner.countyOf(n.regionId()),
                            n.regionId(),
                            found.map(Notice::title).orElse("#" + n.id()))
                        .until(due)))
        .mapEmpty();
  }

  private static void requireWindowOpen(NoticeRepository.Locked n, Instant now) {
    if (n.status() == Notice.Status.CLOSED || n.status() == Notice.Status.WITHDRAWN) {
      throw DomainException.conflict(
          "notice_closed",
          "notice " + n.id() + " is closed",
          DomainException.params("id", n.id()),
          new DomainException.FieldError("notice", "notice_closed", "is closed"));
    }
    if (!now.isBefore(n.windowEndsAt())) {
      throw DomainException.conflict(
          "notice_window_passed",
          "the objection window of notice " + n.id() + " ended at " + n.windowEndsAt(),
          DomainException.params("id", n.id(), "windowEndsAt", n.windowEndsAt().toString()),
          new DomainException.FieldError(
              "notice", "window_passed", "its objection window has passed"));
    }
  }

  private Future<Void> underDailyLimit(long filedToday) {
    if (filedToday >= config.objectionsPerDay()) {
      return Future.failedFuture(
          new DomainException(
              DomainException.Kind.TOO_MANY_REQUESTS,
              "objection_limit",
              "at most " + config.objectionsPerDay() + " objections a day from one address",
              DomainException.params("max", config.objectionsPerDay()),
              List.of()));
    }
    return Future.succeededFuture();
  }

  /** An open notice is held until its objections are answered; the audit row of the objection. */
  private Future<Void> hold(
      SqlConnection tx, NoticeRepository.Locked n, long objectionId, Instant due) {
    Future<Void> held =
        n.status() == Notice.Status.OPEN
            ? notices.setStatus(tx, n.id(), Notice.Status.HELD)
            : Future.succeededFuture();
    return held.compose(
        v ->
            audit.append(
                tx,
                null,
                "notice",
                n.id(),
                "objection_filed",
                new JsonObject().put("status", n.status().wire()),
                new JsonObject()
                    .put("status", Notice.Status.HELD.wire())
                    .put("objection", objectionId)
                    .put("dueAt", due.toString())));
  }

  /**
   * A reviewer of the notice's region (or an admin) answers an objection; the answer is public.
   * When it was the notice's last open objection the notice is open again (and closes when its
   * window has passed).
   */
  public Future<Objection> answer(CurrentUser user, long objectionId, String answer) {
    return notices
        .noticeOfObjection(pool, objectionId)
        .map(n -> n.orElseThrow(() -> DomainException.notFound("objection " + objectionId)))
        .compose(
            nid ->
                pool.withTransaction(
                    tx -> answer(tx, user, new Answering(nid, objectionId, answer))))
        .compose(v -> notices.findObjection(pool, objectionId))
        .map(Optional::orElseThrow);
  }

  /** An answer to an objection of a notice. */
  private record Answering(long noticeId, long objectionId, String text) {}

  /**
   * Step of {@link #answer}, in its transaction: the notice's lock (it must be in the reviewer's
   * region), then the objection's, then the answer.
   */
  private Future<Void> answer(SqlConnection tx, CurrentUser user, Answering a) {
    return notices
        .lock(tx, a.noticeId())
        .map(found -> inRegionOf(user, found, a))
        .compose(
            n ->
                notices
                    .lockObjection(tx, a.objectionId())
                    .compose(status -> answerOpen(tx, user, n, a, status.orElseThrow())));
  }

  private static NoticeRepository.Locked inRegionOf(
      CurrentUser user, Optional<NoticeRepository.Locked> found, Answering a) {
    NoticeRepository.Locked n =
        found.orElseThrow(() -> DomainException.notFound("notice " + a.noticeId()));
    if (user.role() != Role.ADMIN && !Access.regionContains(user.regionId(), n.regionId())) {
      throw DomainException.forbidden("objection " + a.objectionId() + " is not in your region");
    }
    return n;
  }

  /**
   * An objection not answered yet gets its answer; the notice opens again when that was its last
   * open objection; the audit row.
   */
  private Future<Void> answerOpen(
      SqlConnection tx,
      CurrentUser user,
      NoticeRepository.Locked n,
      Answering a,
      Objection.Status status) {
    if (status == Objection.Status.ANSWERED) {
      return Future.failedFuture(
          DomainException.conflict(
              "objection_answered",
              "objection " + a.objectionId() + " is already answered",
              DomainException.params("id", a.objectionId())));
    }
    return notices
        .answer(tx, a.objectionId(), a.text(), clock.instant(), user.id())
        .compose(
            v ->
                engine.meet(
                    tx, DeadlineKind.OBJECTION_ANSWER, Subject.of(OBJECTION, a.objectionId())))
        .compose(v -> notices.openObjections(tx, a.noticeId()))
        .compose(
            open ->
                open == 0 && n.status() == Notice.Status.HELD
                    ? notices.setStatus(tx, a.noticeId(), Notice.Status.OPEN)
                    : Future.<Void>succeededFuture())
        .compose(
            v ->
                audit.append(
                    tx,
                    user,
                    "notice_objection",
                    a.objectionId(),
                    "answered",
                    new JsonObject().put("status", "open"),
                    new JsonObject().put("status", "answered").put("notice", a.noticeId())));
  }

  // ---------------------------------------------------------------- closing

  /**
   * Closes every open notice whose window has passed at {@code now} (held ones wait for their
   * answers), telling the listeners of each kind in the same transaction. Answers how many closed.
   */
  public Future<Integer> closeDue(Instant now, List<NoticeClosedListener> listeners) {
    return pool.withTransaction(
        tx ->
            notices
                .due(tx, now, 200)
                .compose(ids -> closeEach(tx, ids, now, listeners))
                // the audit rows after every listener's change (the audit lock comes last)
                .compose(closed -> auditClosed(tx, closed, listeners).map(closed.size())));
  }

  /** Closes each notice in turn; answers those that closed (another run may have been first). */
  private Future<List<Notice>> closeEach(
      SqlConnection tx, List<Long> ids, Instant now, List<NoticeClosedListener> listeners) {
    Future<List<Notice>> closed = Future.succeededFuture(List.of());
    for (long id : ids) {
      closed =
          closed.compose(
              before ->
                  close(tx, id, now, listeners)
                      .map(n -> n.map(one -> with(before, one)).orElse(before)));
    }
    return closed;
  }

  private static List<Notice> with(List<Notice> list, Notice one) {
    List<Notice> out = new ArrayList<>(list);
    out.add(one);
    return List.copyOf(out);
  }

  /** One notice closed and the listeners of its kind told; empty when it was not to close. */
  private Future<Optional<Notice>> close(
      SqlConnection tx, long id, Instant now, List<NoticeClosedListener> listeners) {
    return notices
        .close(tx, id, now)
        .compose(
            did ->
                !did
                    ? Future.succeededFuture(Optional.<Notice>empty())
                    : notices
                        .find(tx, id)
                        .map(Optional::orElseThrow)
                        .compose(
                            n ->
                                engine
                                    .meet(tx, DeadlineKind.NOTICE_WINDOW, Subject.of(NOTICE, id))
                                    .compose(v -> tell(tx, n, listeners))
                                    .map(Optional.of(n))));
  }

  private static Future<Void> tell(
      SqlConnection tx, Notice n, List<NoticeClosedListener> listeners) {
    Future<Void> told = Future.succeededFuture();
    for (NoticeClosedListener l : listeners) {
      if (l.kind().equals(n.kind())) {
        told = told.compose(x -> l.onClosed(tx, n));
      }
    }
    return told;
  }

  /** Each closed notice's audit row, then those its listeners write of what they did. */
  private Future<Void> auditClosed(
      SqlConnection tx, List<Notice> closed, List<NoticeClosedListener> listeners) {
    Future<Void> done = Future.succeededFuture();
    for (Notice n : closed) {
      done =
          done.compose(
                  x ->
                      audit.append(
                          tx,
                          null,
                          "notice",
                          n.id(),
                          "closed",
                          new JsonObject().put("status", "open"),
                          new JsonObject().put("status", "closed")))
              .compose(x -> auditListeners(tx, n, listeners));
    }
    return done;
  }

  private static Future<Void> auditListeners(
      SqlConnection tx, Notice n, List<NoticeClosedListener> listeners) {
    Future<Void> told = Future.succeededFuture();
    for (NoticeClosedListener l : listeners) {
      if (l.kind().equals(n.kind())) {
        told = told.compose(x -> l.audit(tx, n));
      }
    }
    return told;
  }
}
