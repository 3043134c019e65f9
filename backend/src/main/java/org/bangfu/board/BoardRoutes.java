package org.bangfu.board;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.privacy.PublicText;
import org.bangfu.support.Paging;

/**
 * {@code GET /public/board}: what was verified as given to whom — village, county, donor, category,
 * quantity — newest first, each with its public notice (公告公示, where objections are taken: {@code
 * /public/notices}); {@code GET /public/board/totals}: the same filters' totals by campaign, county
 * and year, with the traceability figure and the delivery samples' received rate. Never anything
 * about households.
 */
public final class BoardRoutes implements RouteModule {
  private final BoardService board;
  private final BoardPages pages;

  public BoardRoutes(BoardService board, BoardPages pages) {
    this.board = board;
    this.pages = pages;
  }

  @Override
  public void mount(Router api) {
    api.get("/public/board").handler(RouteModule.handle(this::list));
    api.get("/public/board/totals").handler(RouteModule.handle(this::totals));
  }

  /** The board's filters from the query (the export reads the same). */
  public static BoardRepository.Filter filter(Params q) {
    return new BoardRepository.Filter(
        q.optionalString("county", 40).orElse(null),
        q.optionalString("village", 40).orElse(null),
        q.optionalLong("campaign", 1, Long.MAX_VALUE).orElse(null),
        q.optionalInt("year", 2000, 2100).orElse(null),
        q.optionalLong("donor", 1, Long.MAX_VALUE).orElse(null));
  }

  private Future<?> list(RoutingContext ctx) {
    Params q = Params.of(ctx);
    BoardRepository.Filter filter = filter(q);
    Paging paging = q.paging();
    return pages
        .page(new BoardPages.View(filter, paging), () -> read(filter, paging))
        .compose(
            page -> {
              // X-Cache says whether the node's kept page was served (for operators and tests)
              ctx.response().putHeader("X-Cache", page.kept() ? "hit" : "miss");
              return Responses.encoded(ctx, 200, page.value());
            });
  }

  private Future<Buffer> read(BoardRepository.Filter filter, Paging paging) {
    return board
        .verified(filter, paging)
        // the one privacy filter of public outputs, over what donors and officials typed
        .map(page -> Responses.page(page, e -> PublicText.scrub(e.toJson())).toBuffer());
  }

  private Future<?> totals(RoutingContext ctx) {
    BoardRepository.Filter filter = filter(Params.of(ctx));
    return pages
        .totals(filter, () -> board.totals(filter).map(t -> t.toJson().toBuffer()))
        .compose(
            totals -> {
              ctx.response().putHeader("X-Cache", totals.kept() ? "hit" : "miss");
              return Responses.encoded(ctx, 200, totals.value());
            });
  }
}
