package org.bangfu.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The one way a node keeps read answers: bounded, and dropped by the notices that concern them. */
@DisplayName("Answers kept until PostgreSQL notifies a change")
class KeptAnswersTest {
  static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** Answers kept by their key's first letter: a notice names the letter whose answers it drops. */
  static KeptAnswers<String, String> byLetter(String channel, int max) throws Exception {
    KeptAnswers<String, String> kept =
        new KeptAnswers<>(
            app.appContext()::listen, channel, max, letter -> key -> key.startsWith(letter));
    // the listening connection starts asynchronously
    for (long end = System.nanoTime() + 5_000_000_000L;
        !answer(kept, "warm", new AtomicInteger()).kept() && System.nanoTime() < end; ) {
      Thread.sleep(50);
    }
    kept.forgetAll();
    return kept;
  }

  static KeptAnswers.Answer<String> answer(
      KeptAnswers<String, String> kept, String key, AtomicInteger reads) {
    return kept.answer(
            key,
            () -> {
              reads.incrementAndGet();
              return Future.succeededFuture(key + "#" + reads.get());
            })
        .await();
  }

  static void notify(String channel, String payload) {
    app.pool().query("NOTIFY " + channel + ", '" + payload + "'").execute().await();
  }

  @Test
  @DisplayName("a notice drops the answers it names, at once, and no others")
  void droppedByWhatTheNoticeNames() throws Exception {
    KeptAnswers<String, String> kept = byLetter("kept_answers_test", 100);
    AtomicInteger reads = new AtomicInteger();
    answer(kept, "a1", reads);
    answer(kept, "b1", reads);
    assertThat(answer(kept, "a1", reads).kept()).isTrue();
    assertThat(reads).hasValue(2);

    notify("kept_answers_test", "a");
    // the very next ask hears the notice first
    assertThat(answer(kept, "a1", reads).kept()).as("named by the notice").isFalse();
    assertThat(answer(kept, "b1", reads).kept()).as("not named").isTrue();
    assertThat(reads).hasValue(3);
  }

  @Test
  @DisplayName("readers that miss together run one read; one that comes after a notice, its own")
  void oneReadForReadersTogether() throws Exception {
    KeptAnswers<String, String> kept = byLetter("kept_answers_flight", 100);
    AtomicInteger reads = new AtomicInteger();
    Promise<String> slow = Promise.promise();
    Supplier<Future<String>> read =
        () -> reads.incrementAndGet() == 1 ? slow.future() : Future.succeededFuture("again");
    List<Future<KeptAnswers.Answer<String>>> together = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      together.add(kept.answer("c1", read));
    }
    // the first read is still under way while the other fifteen ask
    slow.complete("slow");
    for (Future<KeptAnswers.Answer<String>> f : together) {
      assertThat(f.await().value()).isEqualTo("slow");
    }
    assertThat(reads).as("one read for sixteen readers").hasValue(1);

    Promise<String> second = Promise.promise();
    AtomicInteger later = new AtomicInteger();
    Supplier<Future<String>> slowAgain =
        () -> later.incrementAndGet() == 1 ? second.future() : Future.succeededFuture("after");
    Future<KeptAnswers.Answer<String>> before = kept.answer("d1", slowAgain);
    notify("kept_answers_flight", "x");
    // a change was heard since the read under way began: it may not show it, so not joined
    assertThat(kept.answer("d1", slowAgain).await().value()).isEqualTo("after");
    second.complete("before");
    assertThat(before.await().value()).isEqualTo("before");
    assertThat(later).hasValue(2);
  }

  @Test
  @DisplayName("never more than its bound")
  void bounded() throws Exception {
    KeptAnswers<String, String> kept = byLetter("kept_answers_bound", 3);
    AtomicInteger reads = new AtomicInteger();
    for (int i = 0; i < 10; i++) {
      answer(kept, "k" + i, reads);
      assertThat(kept.size()).isLessThanOrEqualTo(3);
    }
    assertThat(kept.size()).isPositive();
  }
}
