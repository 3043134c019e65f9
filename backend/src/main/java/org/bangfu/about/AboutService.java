package org.bangfu.about;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/**
 * What every screen should know about this installation before anyone signs in: whether the data it
 * shows is the invented demo, as the database says (never guessed from names or settings).
 */
public final class AboutService {

  /** The answer of {@code GET /public/about}. */
  public record About(boolean demoData) {}

  private final Pool pool;
  private final AboutRepository about;

  public AboutService(Pool pool, AboutRepository about) {
    this.pool = pool;
    this.about = about;
  }

  public Future<About> about() {
    return about.demoData(pool).map(About::new);
  }
}
