package org.bangfu.progress;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
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
 */
public final class ProgressAnswers {
  static final String CHANNEL = "bangfu_progress";
  static final int MAX_ANSWERS = 1_000;
  static final String TOTALS_CHANNEL = "bangfu_allocations";
  static final int MAX_TOTALS = 200;

  /** A campaign's answer as one kind of caller sees it. */
  record View(long campaign, boolean full) {}

  private final KeptAnswers<View, Buffer> answers;
  private final KeptAnswers<ProgressRepository.AllocationFilter, Buffer> totals;

  public ProgressAnswers(NoticeChannels channels) {
    this.answers = KeptAnswers.droppedByAny(channels, CHANNEL, MAX_ANSWERS);
    this.totals = KeptAnswers.droppedByAny(channels, TOTALS_CHANNEL, MAX_TOTALS);
  }

  Future<KeptAnswers.Answer<Buffer>> answer(View view, Supplier<Future<Buffer>> read) {
    return answers.answer(view, read);
  }

  Future<KeptAnswers.Answer<Buffer>> allocationTotals(
      ProgressRepository.AllocationFilter filter, Supplier<Future<Buffer>> read) {
    return totals.answer(filter, read);
  }
}
