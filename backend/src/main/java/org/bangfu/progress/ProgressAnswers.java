package org.bangfu.progress;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bangfu.db.NoticeChannels;
import org.bangfu.db.NoticeListener;

/**
 * A node's encoded answers of {@code GET /campaigns/{id}/progress}, for every caller of the same
 * view (full, or totals only). The summaries make the figures cheap to read, but a national
 * campaign's answer is hundreds of kilobytes of JSON to build each time; the dashboard asks for it
 * on every change and every screen.
 *
 * <p>PostgreSQL stays the truth: any change of the summaries (or of a campaign's name, its
 * enrolments and pairings, the county pairings) sends {@code NOTIFY bangfu_progress} when it
 * commits (V79), and every node drops every answer it kept. Nothing is kept while the listening
 * connection is down, and an answer built from figures read before a notice is not kept. Before a
 * kept answer is served, the listening connection runs one statement ({@link NoticeListener#sync}):
 * PostgreSQL hands it every notice of a change committed before that, so whoever has just written
 * (through any node, by any path) never reads the figures from before their change.
 */
public final class ProgressAnswers {
  static final String CHANNEL = "bangfu_progress";
  static final int MAX_ANSWERS = 1_000;

  private final Map<String, Buffer> answers = new ConcurrentHashMap<>();
  private final AtomicLong epoch = new AtomicLong();
  private final NoticeListener notices;

  public ProgressAnswers(NoticeChannels channels) {
    this.notices = channels.listen(CHANNEL, payload -> forgetAll(), this::forgetAll);
  }

  static String key(long campaign, boolean full) {
    return campaign + (full ? "/full" : "/totals");
  }

  /** The kept answer, or null. */
  Buffer get(String key) {
    return notices.listening() ? answers.get(key) : null;
  }

  /**
   * The kept answer if it is still good once every change committed until now has been heard; null
   * otherwise.
   */
  Future<Buffer> current(String key) {
    Buffer kept = get(key);
    if (kept == null) {
      return Future.succeededFuture();
    }
    long at = epoch.get();
    return notices.sync().map(v -> epoch.get() == at ? get(key) : null).otherwise(e -> null);
  }

  /**
   * Where the figures stand now: an answer built from them is kept only if nothing changed since.
   */
  long epoch() {
    return epoch.get();
  }

  void keep(String key, Buffer answer, long readAt) {
    if (notices.listening() && epoch.get() == readAt) {
      if (answers.size() >= MAX_ANSWERS) {
        answers.clear();
      }
      answers.put(key, answer);
    }
  }

  void forgetAll() {
    epoch.incrementAndGet();
    answers.clear();
  }
}
