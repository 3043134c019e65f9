package org.bangfu.claims;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Group commit, per node: work handed in while a batch is being written waits and goes into the
 * next batch together with everything else that arrived meanwhile (at most {@code maxBatch} items),
 * so one transaction, one chain append and one commit (one fsync) serve them all.
 *
 * <p>The batch function answers one {@link Outcome} per item, in order, and only after its
 * transaction committed; when it fails as a whole, every item of the batch gets that failure. Each
 * caller is answered on its own Vert.x context. Nothing here blocks: the queue is guarded by a
 * monitor held for a few instructions, never across a database call.
 *
 * @param <T> what a caller hands in
 * @param <R> what a caller gets back
 */
final class GroupCommit<T, R> {
  /** One item's answer from a committed batch: its result, or why it alone was refused. */
  record Outcome<R>(R result, Throwable refusal) {
    static <R> Outcome<R> done(R result) {
      return new Outcome<>(result, null);
    }

    static <R> Outcome<R> refused(Throwable why) {
      return new Outcome<>(null, why);
    }
  }

  private record Waiting<T, R>(T item, Promise<R> answer, Context context) {}

  private final Function<List<T>, Future<List<Outcome<R>>>> batch;
  private final int maxBatch;
  private final int maxInFlight;
  private final ArrayDeque<Waiting<T, R>> queue = new ArrayDeque<>();
  private int inFlight;

  GroupCommit(Function<List<T>, Future<List<Outcome<R>>>> batch, int maxBatch, int maxInFlight) {
    this.batch = batch;
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
  }

  /** Hands in one item; the future completes once the batch that holds it has committed. */
  Future<R> submit(T item) {
    Promise<R> answer = Promise.promise();
    synchronized (this) {
      queue.add(new Waiting<>(item, answer, Vertx.currentContext()));
    }
    startWhatCan();
    return answer.future();
  }

  /** Items handed in and not yet taken into a batch. */
  synchronized int waiting() {
    return queue.size();
  }

  private void startWhatCan() {
    while (true) {
      List<Waiting<T, R>> next = take();
      if (next.isEmpty()) {
        return;
      }
      run(next);
    }
  }

  private synchronized List<Waiting<T, R>> take() {
    if (queue.isEmpty() || inFlight >= maxInFlight) {
      return List.of();
    }
    inFlight++;
    List<Waiting<T, R>> next = new ArrayList<>(Math.min(queue.size(), maxBatch));
    while (!queue.isEmpty() && next.size() < maxBatch) {
      next.add(queue.poll());
    }
    return next;
  }

  private void run(List<Waiting<T, R>> next) {
    Future<List<Outcome<R>>> written;
    try {
      written = batch.apply(next.stream().map(Waiting::item).toList());
    } catch (RuntimeException e) {
      written = Future.failedFuture(e);
    }
    written.onComplete(
        done -> {
          synchronized (this) {
            inFlight--;
          }
          for (int k = 0; k < next.size(); k++) {
            answer(next.get(k), done.failed() ? Outcome.refused(done.cause()) : outcome(done, k));
          }
          startWhatCan();
        });
  }

  private static <R> Outcome<R> outcome(io.vertx.core.AsyncResult<List<Outcome<R>>> done, int k) {
    List<Outcome<R>> all = done.result();
    return all != null && k < all.size()
        ? all.get(k)
        : Outcome.refused(new IllegalStateException("a batch answered fewer items than it took"));
  }

  private static <T, R> void answer(Waiting<T, R> w, Outcome<R> o) {
    Runnable complete =
        () -> {
          if (o.refusal() == null) {
            w.answer().complete(o.result());
          } else {
            w.answer().fail(o.refusal());
          }
        };
    if (w.context() == null) {
      complete.run();
    } else {
      w.context().runOnContext(v -> complete.run());
    }
  }
}
