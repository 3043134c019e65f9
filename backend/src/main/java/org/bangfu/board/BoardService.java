package org.bangfu.board;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;

/** The public board (公示): verified help, newest first, for anyone; no household data. */
public final class BoardService {
  private final Pool pool;
  private final BoardRepository board;

  public BoardService(Pool pool, BoardRepository board) {
    this.board = board;
    this.pool = pool;
  }

  public Future<Page<BoardEntry>> verified(BoardRepository.Filter filter, Paging paging) {
    return board.verified(pool, filter, paging);
  }
}
