package org.bangfu.board;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.bangfu.opendata.OpenDataService;
import org.bangfu.sampling.SamplingService;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/**
 * The public board (公示): verified help, newest first, for anyone, with its totals by campaign,
 * county and year, the traceability figure and the delivery samples' received rate; no household
 * data.
 */
public final class BoardService {
  private final Pool pool;
  private final BoardRepository board;
  private final OpenDataService openData;
  private final SamplingService sampling;

  public BoardService(
      Pool pool, BoardRepository board, OpenDataService openData, SamplingService sampling) {
    this.board = board;
    this.pool = pool;
    this.openData = openData;
    this.sampling = sampling;
  }

  public Future<Page<BoardEntry>> verified(BoardRepository.Filter filter, Paging paging) {
    return board.verified(pool, filter, paging);
  }

  /** Every line the filters keep, newest first, at most {@code limit} (an .xlsx export). */
  public Future<List<BoardEntry>> all(BoardRepository.Filter filter, int limit) {
    return board.all(pool, filter, limit);
  }

  public Future<BoardTotals> totals(BoardRepository.Filter filter) {
    var all = board.totals(pool, filter, "all");
    var campaigns = board.totals(pool, filter, "campaign");
    var counties = board.totals(pool, filter, "county");
    var years = board.totals(pool, filter, "year");
    var trace = openData.traceability();
    var sampled = sampling.totals();
    return Future.all(all, campaigns, counties, years, trace, sampled)
        .map(
            v ->
                new BoardTotals(
                    all.result(),
                    campaigns.result(),
                    counties.result(),
                    years.result(),
                    trace.result(),
                    sampled.result().counts(),
                    sampled.result().population()));
  }
}
