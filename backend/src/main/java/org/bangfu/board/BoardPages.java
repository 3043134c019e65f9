package org.bangfu.board;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.function.Supplier;
import org.bangfu.db.KeptAnswers;
import org.bangfu.db.NoticeChannels;
import org.bangfu.support.Paging;

/**
 * The public board's first pages as the node last answered them ({@link KeptAnswers}): everyone
 * sees the same board, and the newest page is what every visitor opens. PostgreSQL sends {@code
 * NOTIFY bangfu_board} when a change of anything the board shows commits (V140: an allocation
 * verified or undone, a shown name, an allocation's notice), and every kept page is dropped.
 *
 * <p>Only the first {@link #FIRST_PAGES} pages of a view are kept, and no view by campaign (whether
 * a verified allocation counts for a campaign also moves with the campaign's pairings, which the
 * board's notice does not follow); at most {@link #MAX_PAGES} pages in all.
 */
public final class BoardPages {
  static final String CHANNEL = "bangfu_board";
  static final int FIRST_PAGES = 5;
  static final int MAX_PAGES = 500;

  /** A page of the board as the request asks for it. */
  record View(BoardRepository.Filter filter, Paging paging) {}

  private final KeptAnswers<View, Buffer> pages;

  public BoardPages(NoticeChannels channels) {
    this.pages = KeptAnswers.droppedByAny(channels, CHANNEL, MAX_PAGES);
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
}
