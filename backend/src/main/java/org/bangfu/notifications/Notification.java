package org.bangfu.notifications;

import java.time.OffsetDateTime;

/**
 * Something a user should act on, derived from the data when read: a donor's proposal awaiting
 * confirmation, a delivery reported to a village, a need awaiting review or a receipt to verify in
 * a reviewer's region, a pairing awaiting the united front's approval. {@code key} is stable
 * ({@code proposal:12}), so what a user has read is kept by key.
 */
public record Notification(
    String key,
    Kind kind,
    OffsetDateTime at,
    long ref,
    String title,
    String villageName,
    String unit,
    Long quantity,
    boolean read) {

  public enum Kind {
    PROPOSAL("proposal"),
    DELIVERED("delivered"),
    REVIEW("review"),
    VERIFY("verify"),
    PAIRING("pairing");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Kind fromWire(String s) {
      for (Kind k : values()) {
        if (k.wire.equals(s)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown notification kind " + s);
    }
  }

  /** Whose notifications: the reader and what binds them (each null when not theirs). */
  public record Reader(
      long userId, Long donorId, String villageId, String reviewRegion, boolean pairings) {}

  /** The newest notifications of a reader, how many there are and how many are unread. */
  public record Inbox(java.util.List<Notification> items, long total, long unread) {
    public Inbox {
      items = java.util.List.copyOf(items);
    }
  }
}
