package org.bangfu.board;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.privacy.PublicText;

/**
 * {@code GET /public/board}: what was verified as given to whom — village, county, donor, category,
 * quantity — newest first, each with its public notice (公告公示, where objections are taken: {@code
 * /public/notices}); {@code GET /public/board/totals}: the same filters' totals by campaign, county
 * and year, with the traceability figure and the delivery samples' received rate. Never anything
 * about households.
 */
public final class BoardRoutes implements RouteModule {
  private final BoardService board;

  public BoardRoutes(BoardService board) {
    this.board = board;
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
    return board
        .verified(filter(q), q.paging())
        // the one privacy filter of public outputs, over what donors and officials typed
        .compose(
            page -> Responses.ok(ctx, Responses.page(page, e -> PublicText.scrub(e.toJson()))));
  }

  private Future<?> totals(RoutingContext ctx) {
    return board.totals(filter(Params.of(ctx))).compose(t -> Responses.ok(ctx, t.toJson()));
  }
}
