package org.bangfu.registry;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.function.Supplier;
import org.bangfu.db.KeptAnswers;
import org.bangfu.db.NoticeChannels;

/**
 * A node's encoded answers of {@code GET /registry/summary}, one per region asked (the whole
 * country, a county, a township), kept the one way answers are kept ({@link KeptAnswers}): the
 * counts go over every household of the region (two million at national size), and the united
 * front, reviewers and auditors open them on every dashboard. Counts only, never a household.
 *
 * <p>A change of what they count sends {@code NOTIFY bangfu_registry} when it commits (V153: a
 * household registered or removed, its village, status or support changed, a step of the effective
 * history, a region renamed), and every kept summary is dropped. At most {@link #MAX_SUMMARIES}
 * regions are kept.
 */
public final class RegistrySummaries {
  static final String CHANNEL = "bangfu_registry";
  static final int MAX_SUMMARIES = 500;

  /** The region a summary is of ({@code null}: everywhere). */
  record View(String region) {}

  private final KeptAnswers<View, Buffer> summaries;

  public RegistrySummaries(NoticeChannels channels) {
    this.summaries = KeptAnswers.droppedByAny(channels, CHANNEL, MAX_SUMMARIES);
  }

  Future<KeptAnswers.Answer<Buffer>> summary(String region, Supplier<Future<Buffer>> read) {
    return summaries.answer(new View(region), read);
  }
}
