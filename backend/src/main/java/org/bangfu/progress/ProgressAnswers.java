package org.bangfu.progress;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.bangfu.db.KeptAnswers;
import org.bangfu.db.NoticeChannels;

/**
 * A node's encoded answers of {@code GET /campaigns/{id}/progress}, for every caller of the same
 * view (full, or totals only), kept the one way answers are kept ({@link KeptAnswers}). The
 * summaries make the figures cheap to read, but a national campaign's answer is hundreds of
 * kilobytes of JSON to build each time; the dashboard asks for it on every change and every screen.
 *
 * <p>Any change of the summaries (or of a campaign's name, its enrolments and pairings, the county
 * pairings) sends {@code NOTIFY bangfu_progress} when it commits (V79), and every node drops every
 * answer it kept.
 *
 * <p>The allocation totals of {@code GET /progress/allocation-totals} are a sum over every
 * allocation (a million at national size): they are kept per filter set, at most {@link
 * #MAX_TOTALS} of them, until {@code NOTIFY bangfu_allocations} says an allocation they count was
 * added, changed or removed, or a pledge or need moved (V152); every kept view is dropped then.
 *
 * <p>The unmet villages of {@code GET /progress/unmet-villages} are read from every open need: they
 * are kept per county asked (and for everywhere), at most {@link #MAX_UNMET}, on the needs' own
 * channel {@code bangfu_needs_browse} (V141, V143: every need inserted, changed or deleted,
 * whatever its status, names its category and the regions containing its village; a region renamed
 * names nothing). A notice drops the everywhere view and the views of the counties it names; one
 * naming no region drops them all.
 */
public final class ProgressAnswers {
  static final String CHANNEL = "bangfu_progress";
  static final int MAX_ANSWERS = 1_000;
  static final String TOTALS_CHANNEL = "bangfu_allocations";
  static final int MAX_TOTALS = 200;
  static final String NEEDS_CHANNEL = "bangfu_needs_browse";
  static final int MAX_UNMET = 200;

  /** A campaign's answer as one kind of caller sees it. */
  record View(long campaign, boolean full) {}

  /** The unmet villages of a county ({@code null}: everywhere). */
  record UnmetView(String county) {}

  private final KeptAnswers<View, Buffer> answers;
  private final KeptAnswers<ProgressRepository.AllocationFilter, Buffer> totals;
  private final KeptAnswers<UnmetView, UnmetAnswer> unmet;

  public ProgressAnswers(NoticeChannels channels) {
    this.answers = KeptAnswers.droppedByAny(channels, CHANNEL, MAX_ANSWERS);
    this.totals = KeptAnswers.droppedByAny(channels, TOTALS_CHANNEL, MAX_TOTALS);
    this.unmet = new KeptAnswers<>(channels, NEEDS_CHANNEL, MAX_UNMET, ProgressAnswers::unmetStale);
  }

  /**
   * The unmet views a needs' notice makes stale: {@code <category>|<region>,…} the everywhere view
   * and those of the counties named; anything else (a category alone, nothing) all of them.
   */
  static Predicate<UnmetView> unmetStale(String payload) {
    int bar = payload.indexOf('|');
    if (bar < 0) {
      return view -> true;
    }
    List<String> regions = List.of(payload.substring(bar + 1).split(","));
    return view -> view.county() == null || regions.contains(view.county());
  }

  Future<KeptAnswers.Answer<Buffer>> answer(View view, Supplier<Future<Buffer>> read) {
    return answers.answer(view, read);
  }

  Future<KeptAnswers.Answer<Buffer>> allocationTotals(
      ProgressRepository.AllocationFilter filter, Supplier<Future<Buffer>> read) {
    return totals.answer(filter, read);
  }

  Future<KeptAnswers.Answer<UnmetAnswer>> unmetVillages(
      String county, Supplier<Future<UnmetAnswer>> read) {
    return unmet.answer(new UnmetView(county), read);
  }
}
