package org.bangfu.db;

import java.util.function.Consumer;

/**
 * Where a node's cache listens for PostgreSQL's notices of change: the composition root hands one
 * to each cache, backed by a connection of its own ({@link NoticeListener}), or by nothing (then
 * nothing may be cached).
 */
@FunctionalInterface
public interface NoticeChannels {

  NoticeListener listen(String channel, Consumer<String> onNotice, Runnable onGap);
}
