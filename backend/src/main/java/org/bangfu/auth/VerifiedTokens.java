package org.bangfu.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The bearer tokens this node has verified recently, by their exact text, with what they stand for.
 * A signed-in client sends the same token with every request; checking its signature, decoding its
 * claims and building its user each time gave the same answer every time, at a cost the profile of
 * a single-row read put among the first.
 *
 * <p>Only tokens that passed the full check are kept (a forged or expired one is checked again each
 * time, and cannot fill this), and one is answered from here only while the full check would
 * certainly pass: strictly before its expiry (the check allows a few seconds more) and not before
 * its issue time. Otherwise it is checked again by the library, which decides as for a new one. The
 * clock is the one that check reads (the system's), so this never accepts a token it would refuse.
 * Whether the account may still use it is not decided here: {@link AccountCheck} is asked on every
 * request.
 */
final class VerifiedTokens {

  /** Enough for every client of a node within a token's lifetime; beyond, it starts again. */
  static final int MAX_ENTRIES = 20_000;

  private record Entry(TokenService.Verified verified, long notBeforeMillis) {}

  private final LongSupplier millis;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  VerifiedTokens(LongSupplier millis) {
    this.millis = millis;
  }

  /** What {@code token} stands for, when it was verified here and is certainly valid now. */
  TokenService.Verified get(String token) {
    Entry e = entries.get(token);
    if (e == null) {
      return null;
    }
    long now = millis.getAsLong();
    if (now < e.notBeforeMillis() || now >= e.verified().expiresAt().toEpochMilli()) {
      entries.remove(token, e);
      return null;
    }
    return e.verified();
  }

  /**
   * Keeps a token the library has just accepted; {@code issuedAt} (epoch seconds, null: none) is
   * the earliest moment it is answered from here.
   */
  void remember(String token, TokenService.Verified verified, Long issuedAt) {
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(token, new Entry(verified, issuedAt == null ? 0 : issuedAt * 1000));
  }

  int size() {
    return entries.size();
  }
}
