package org.bangfu.needs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.bangfu.auth.CurrentUser;
import org.bangfu.db.KeptAnswers;
import org.bangfu.db.NoticeChannels;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * The first pages of the public's and donors' need browsing, by category and county, as the node
 * last read them ({@link KeptAnswers}), each need with its public JSON (the privacy filter run
 * once). Everyone who sees the published needs only sees the same page; what differs per donor (why
 * a need suits them) is added to it each time ({@code NeedRoutes}).
 *
 * <p>PostgreSQL sends {@code NOTIFY bangfu_needs_browse} with a need's category when a change of
 * any need of that category commits (V141): published, withdrawn, claimed, proposed to, edited…,
 * and names the regions that contain the need's village (V143), so each claim drops its category's
 * pages without a region and those of its own county (township, city…); a region renamed drops all.
 * Only the first {@link #FIRST_PAGES} pages of a view by categories and a county are kept (no text,
 * status or other filter), at most {@link #MAX_PAGES} in all.
 */
public final class BrowsePages {
  static final String CHANNEL = "bangfu_needs_browse";
  static final int FIRST_PAGES = 3;
  static final int MAX_PAGES = 2_000;

  /** A first page of the public needs, by categories (none: any) and a county (null: any). */
  record View(List<String> categories, String county, Paging paging) {
    boolean shows(String category) {
      return categories.isEmpty() || categories.contains(category);
    }
  }

  private final KeptAnswers<View, Page<Listed>> pages;

  public BrowsePages(NoticeChannels channels) {
    this.pages = new KeptAnswers<>(channels, CHANNEL, MAX_PAGES, BrowsePages::stale);
  }

  /**
   * The pages a notice makes stale: {@code <category>|<region>,…} (V143) those of the category
   * without a region or for one of the regions named (every region containing the changed need's
   * village, as PostgreSQL's {@code region_contains} says); {@code <category>} all of the
   * category's; nothing named: all.
   */
  static Predicate<View> stale(String payload) {
    if (payload.isEmpty()) {
      return view -> true;
    }
    int bar = payload.indexOf('|');
    if (bar < 0) {
      return view -> view.shows(payload);
    }
    String category = payload.substring(0, bar);
    List<String> regions = List.of(payload.substring(bar + 1).split(","));
    return view ->
        view.shows(category) && (view.county() == null || regions.contains(view.county()));
  }

  /** The view a request asks for when its page may be kept, else null. */
  static View view(CurrentUser user, NeedRepository.Filter f, Paging paging) {
    boolean plain =
        f.township() == null
            && f.village() == null
            && f.unit() == null
            && f.priority() == null
            && f.campaign() == null
            && f.statuses().isEmpty()
            && f.text() == null;
    return plain && paging.page() <= FIRST_PAGES && NeedRepository.seesPublicOnly(user)
        ? new View(f.categories().stream().sorted().distinct().toList(), f.county(), paging)
        : null;
  }

  /** A need of a kept page, with its public JSON (scrubbed once, without a donor's reasons). */
  record Listed(Need need, JsonObject shown) {
    static Listed of(Need need) {
      return new Listed(need, NeedRoutes.publicJson(need, null));
    }
  }

  /** The page: the kept one if still good, else {@code read}'s (kept when it may be). */
  Future<KeptAnswers.Answer<Page<Listed>>> page(View view, Supplier<Future<Page<Need>>> read) {
    return pages.answer(view, () -> read.get().map(page -> page.map(Listed::of)));
  }
}
