package org.bangfu.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.testing.MutableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's own rules, on a moved clock and without a server: a job runs when it is due and
 * not before, then every period; a run still going is not doubled; a failure counts nothing and
 * does not stop the others.
 */
@DisplayName("The job runner runs each job when due, once at a time")
class JobRunnerTest {

  /** A job that records when it ran and answers {@code changed}, or holds its run open. */
  static final class Recording implements Job {
    final String name;
    final Duration every;
    final Duration first;
    final List<Instant> runs = new ArrayList<>();
    Future<Integer> answer;

    Recording(String name, Duration every, Duration first, Future<Integer> answer) {
      this.name = name;
      this.every = every;
      this.first = first;
      this.answer = answer;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Duration every() {
      return every;
    }

    @Override
    public Duration firstDelay() {
      return first;
    }

    @Override
    public Future<Integer> run(Instant now) {
      runs.add(now);
      return answer;
    }
  }

  static MutableClock clock() {
    return new MutableClock(Instant.parse("2018-10-17T01:00:00Z"), java.time.ZoneOffset.UTC);
  }

  @Test
  @DisplayName("due after its first delay, then every period; what the jobs changed is summed")
  void dueByTheClock() {
    MutableClock clock = clock();
    Recording hourly =
        new Recording(
            "hourly", Duration.ofHours(1), Duration.ofMinutes(10), Future.succeededFuture(2));
    Recording daily =
        new Recording("daily", Duration.ofDays(1), Duration.ofDays(1), Future.succeededFuture(5));
    JobRunner runner = new JobRunner(List.of(hourly, daily), clock, null, false);
    assertThat(runner.owner()).isTrue();

    assertThat(runner.runDue().await()).isZero();
    clock.advance(Duration.ofMinutes(9));
    assertThat(runner.runDue().await()).as("not yet due").isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(runner.runDue().await()).as("due at its first delay exactly").isEqualTo(2);
    assertThat(hourly.runs).containsExactly(clock.instant());
    assertThat(runner.runDue().await()).as("not twice at the same time").isZero();
    clock.advance(Duration.ofMinutes(59));
    assertThat(runner.runDue().await()).isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(runner.runDue().await()).isEqualTo(2);
    clock.advance(Duration.ofDays(1));
    assertThat(runner.runDue().await()).as("both due: their changes add up").isEqualTo(7);
    assertThat(hourly.runs).hasSize(3);
    assertThat(daily.runs).hasSize(1);
  }

  @Test
  @DisplayName("a run still going is not started again; a failed run counts nothing")
  void notDoubledAndFailuresContained() {
    MutableClock clock = clock();
    Promise<Integer> slow = Promise.promise();
    Recording held = new Recording("held", Duration.ofMinutes(1), Duration.ZERO, slow.future());
    Recording failing =
        new Recording(
            "failing",
            Duration.ofMinutes(1),
            Duration.ZERO,
            Future.failedFuture(new IllegalStateException("database down")));
    JobRunner runner = new JobRunner(List.of(held, failing), clock, null, false);

    Future<Integer> first = runner.runDue();
    assertThat(first.isComplete()).as("waits for the held run").isFalse();
    clock.advance(Duration.ofMinutes(5));
    assertThat(runner.runDue().await())
        .as("the held job is still running: not started again")
        .isZero();
    assertThat(held.runs).hasSize(1);
    assertThat(failing.runs).hasSize(2);
    slow.complete(3);
    assertThat(first.await()).as("the held run's changes; the failure's none").isEqualTo(3);
    clock.advance(Duration.ofMinutes(1));
    held.answer = Future.succeededFuture(1);
    assertThat(runner.runDue().await()).as("finished, it runs again when due").isEqualTo(1);
    assertThat(held.runs).hasSize(2);
    assertThat(runner.failing())
        .as("the failing job is reported until it succeeds")
        .containsOnlyKeys("failing");
    failing.answer = Future.succeededFuture(0);
    clock.advance(Duration.ofMinutes(1));
    runner.runDue().await();
    assertThat(runner.failing()).isEmpty();
  }
}
