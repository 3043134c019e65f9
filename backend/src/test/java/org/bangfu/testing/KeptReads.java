package org.bangfu.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.function.Supplier;

/**
 * Reads of an answer a node keeps ({@code db.KeptAnswers}), for their tests: asked again until it
 * comes from memory ({@code X-Cache: hit}) — the listening connection starts asynchronously and the
 * first read only fills the cache — for at most five seconds.
 */
public final class KeptReads {
  private KeptReads() {}

  /**
   * The answer of {@code ask} once it comes from memory; fails, naming {@code what}, if it never
   * does.
   */
  public static HttpResponse<Buffer> untilKept(String what, Supplier<HttpResponse<Buffer>> ask) {
    HttpResponse<Buffer> r = ask.get();
    for (long end = System.nanoTime() + 5_000_000_000L;
        !"hit".equals(r.getHeader("X-Cache")) && System.nanoTime() < end; ) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      r = ask.get();
    }
    assertThat(r.getHeader("X-Cache")).as(what + " come from memory").isEqualTo("hit");
    return r;
  }
}
