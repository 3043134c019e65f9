package org.bangfu.board;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.bangfu.db.KeptAnswers;
import org.bangfu.db.NoticeChannels;
import org.bangfu.support.Paging;

/**
 * The public board's first pages and its totals as the node last answered them ({@link
 * KeptAnswers}): everyone sees the same board, and the newest page and the totals are what every
 * visitor opens. PostgreSQL sends {@code NOTIFY bangfu_board} when a change of anything the board
 * shows commits (V140: an allocation verified or undone, a shown name, an allocation's notice), and
 * every kept page and total is dropped; {@code NOTIFY bangfu_board 'totals'} when a change of what
 * only the totals read commits (V151: the allocations counted for a campaign, a campaign's name,
 * evidence, accepted fiscal projects and their payments, delivery samples and checks), and only the
 * totals are dropped.
 *
 * <p>Only the first {@link #FIRST_PAGES} pages of a view are kept, and no view by campaign (whether
 * a verified allocation counts for a campaign also moves with the campaign's pairings, which the
 * board's pages do not follow); at most {@link #MAX_PAGES} pages in all. Totals are kept for every
 * filter (their notices follow the campaigns' allocations too), at most {@link #MAX_TOTALS} views.
 */
public final class BoardPages {
  static final String CHANNEL = "bangfu_board";
  static final String TOTALS_ONLY = "totals";
  static final int FIRST_PAGES = 5;
  static final int MAX_PAGES = 500;
  static final int MAX_TOTALS = 200;

  /** A page of the board as the request asks for it. */
  record View(BoardRepository.Filter filter, Paging paging) {}

  private final KeptAnswers<View, Buffer> pages;
  private final KeptAnswers<BoardRepository.Filter, Buffer> totals;

  public BoardPages(NoticeChannels channels) {
    this.pages = new KeptAnswers<>(channels, CHANNEL, MAX_PAGES, BoardPages::pagesStale);
    this.totals = KeptAnswers.droppedByAny(channels, CHANNEL, MAX_TOTALS);
  }

  private static Predicate<View> pagesStale(String payload) {
    return TOTALS_ONLY.equals(payload) ? view -> false : view -> true;
  }

  static boolean keeps(View view) {
    return view.paging().page() <= FIRST_PAGES && view.filter().campaign() == null;
  }

  /** The encoded page: the kept one if still good, else {@code read}'s (kept when it may be). */
  Future<KeptAnswers.Answer<Buffer>> page(View view, Supplier<Future<Buffer>> read) {
    return keeps(view)
        ? pages.answer(view, read)
        : read.get().map(answer -> new KeptAnswers.Answer<>(answer, false));
  }

  /** The encoded totals of the filters: the kept ones if still good, else {@code read}'s. */
  Future<KeptAnswers.Answer<Buffer>> totals(
      BoardRepository.Filter filter, Supplier<Future<Buffer>> read) {
    return totals.answer(filter, read);
  }
}
