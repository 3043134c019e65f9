package org.bangfu.db;

import java.nio.file.Path;

/**
 * A process that only runs the embedded PostgreSQL of a data directory (argument 1) and prints its
 * port, for the crash tests to kill with {@code kill -9}.
 */
public final class EmbeddedDatabaseProcess {

  private EmbeddedDatabaseProcess() {}

  public static void main(String[] args) throws Exception {
    EmbeddedDatabase db = EmbeddedDatabase.startPersistent(Path.of(args[0]));
    System.out.println("port " + db.url().port());
    System.out.println("watchdog " + db.watchdog().map(ProcessHandle::pid).orElse(-1L));
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
