package org.bangfu.db;

import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Answers a node keeps between requests until PostgreSQL says a change may have made them wrong:
 * the one way Bangfu keeps a read answer (campaign progress, the public board's first pages, the
 * donors' first browse pages).
 *
 * <p>PostgreSQL stays the truth. A trigger sends a notice on the cache's channel when a change that
 * the answers show commits, whatever path made it (the API on any node, an operator's SQL); its
 * payload says which answers it concerns ({@code stale} turns it into a test of keys). Nothing is
 * kept while the listening connection is down ({@link NoticeListener}), and everything is dropped
 * when it comes back. An answer read while any notice arrived is not kept: the read may have seen
 * the data from before it. Before a kept answer is served, the listening connection runs one
 * statement ({@link NoticeListener#sync}): PostgreSQL hands it every notice of a change committed
 * before that, so whoever has just written never reads what was there before their change.
 *
 * <p>At most {@code max} answers are kept; the callers keep only first pages or a fixed set of
 * views, and when the limit is reached everything is dropped and kept afresh.
 *
 * @param <K> what an answer is kept under (a record with equality: the request's view)
 * @param <V> the answer (immutable)
 */
public final class KeptAnswers<K, V> {
  /** An answer, and whether it was the kept one (for the {@code X-Cache} header). */
  public record Answer<V>(V value, boolean kept) {}

  private final Map<K, V> answers = new ConcurrentHashMap<>();
  private final Map<K, Reading<V>> reading = new ConcurrentHashMap<>();
  private final AtomicLong epoch = new AtomicLong();
  private final int max;
  private final Function<String, Predicate<K>> stale;
  private final NoticeListener notices;

  /**
   * Listens on {@code channel}; each notice drops the answers {@code stale.apply(payload)} accepts.
   */
  public KeptAnswers(
      NoticeChannels channels, String channel, int max, Function<String, Predicate<K>> stale) {
    this.max = max;
    this.stale = stale;
    this.notices = channels.listen(channel, this::heard, this::forgetAll);
  }

  /** Every notice on {@code channel} drops every answer. */
  public static <K, V> KeptAnswers<K, V> droppedByAny(
      NoticeChannels channels, String channel, int max) {
    return new KeptAnswers<>(channels, channel, max, payload -> key -> true);
  }

  /**
   * The kept answer when it is still good once every change committed until now has been heard;
   * otherwise the one {@code read} gives, kept for the next ask unless a change was heard
   * meanwhile.
   */
  public Future<Answer<V>> answer(K key, Supplier<Future<V>> read) {
    return current(key)
        .compose(
            kept ->
                kept != null ? Future.succeededFuture(new Answer<>(kept, true)) : fresh(key, read));
  }

  /**
   * A read of a key not kept: joined to the one already under way for the key when nothing was
   * heard since it began (after a sync, so every change committed before this request has been
   * heard: the read under way then sees all of them), otherwise one of its own. Requests that miss
   * together after a notice (sixteen readers of a national figure that takes seconds to compute)
   * then run one query, not sixteen that take every connection of the pool.
   */
  private Future<Answer<V>> fresh(K key, Supplier<Future<V>> read) {
    Reading<V> under = reading.get(key);
    if (under == null || !notices.listening()) {
      return own(key, read);
    }
    return notices
        .sync()
        .compose(
            v ->
                epoch.get() == under.readAt()
                    ? under.value().map(value -> new Answer<>(value, false))
                    : own(key, read),
            e -> own(key, read));
  }

  private Future<Answer<V>> own(K key, Supplier<Future<V>> read) {
    long readAt = epoch.get();
    Reading<V> mine = new Reading<>(readAt, read.get());
    reading.put(key, mine);
    mine.value().onComplete(done -> reading.remove(key, mine));
    return mine.value()
        .map(
            value -> {
              keep(key, value, readAt);
              return new Answer<>(value, false);
            });
  }

  /** A read under way: what had been heard when it began, and its answer to come. */
  private record Reading<V>(long readAt, Future<V> value) {}

  /** The kept answer if it is still good once every change committed until now has been heard. */
  Future<V> current(K key) {
    V kept = kept(key);
    if (kept == null) {
      return Future.succeededFuture();
    }
    // once synced, every notice of a change committed until now has dropped what it concerns: an
    // answer still kept was not concerned (a notice about other answers leaves it good)
    return notices.sync().map(v -> kept(key)).otherwise(e -> null);
  }

  private V kept(K key) {
    return notices.listening() ? answers.get(key) : null;
  }

  /*
   * keep and forget hold the same lock: an answer checked as current cannot be put after a notice
   * dropped its key (the notice arrives on the listener's thread, the answer on a request's).
   */
  synchronized void keep(K key, V answer, long readAt) {
    if (notices.listening() && epoch.get() == readAt) {
      if (answers.size() >= max) {
        answers.clear();
      }
      answers.put(key, answer);
    }
  }

  private void heard(String payload) {
    forget(stale.apply(payload == null ? "" : payload));
  }

  synchronized void forget(Predicate<K> which) {
    epoch.incrementAndGet();
    answers.keySet().removeIf(which);
  }

  synchronized void forgetAll() {
    epoch.incrementAndGet();
    answers.clear();
  }

  /** How many answers are kept (tests of the bound). */
  int size() {
    return answers.size();
  }
}
