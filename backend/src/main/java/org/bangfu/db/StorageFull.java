package org.bangfu.db;

import io.vertx.pgclient.PgException;
import java.io.IOException;

/**
 * A write refused because the disk is full: PostgreSQL's {@code disk_full} (SQLSTATE 53100: a
 * table, its WAL or a temporary file could not grow) or this process's own files (an audit
 * checkpoint) failing with "No space left on device" or over a quota. Nothing was changed (the
 * transaction rolled back, the file kept what it had), nobody's request was wrong, and it will not
 * pass by itself in seconds: the error handler answers 503 {@code storage_full} with a longer
 * Retry-After than a database that is only restarting, and logs it for the operator.
 */
public final class StorageFull {

  /** Seconds a client should wait: someone has to free or add space first. */
  public static final int RETRY_AFTER_SECONDS = 60;

  private StorageFull() {}

  public static boolean is(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PgException pg && "53100".equals(pg.getSqlState())) {
        return true;
      }
      if (t instanceof IOException && t.getMessage() != null) {
        String m = t.getMessage();
        if (m.contains("No space left on device") || m.contains("Disk quota exceeded")) {
          return true;
        }
      }
    }
    return false;
  }
}
