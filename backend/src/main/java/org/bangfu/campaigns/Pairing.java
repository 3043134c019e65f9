package org.bangfu.campaigns;

import java.time.OffsetDateTime;

/**
 * A donor's pairing (结对) with a village in a campaign: asked for by the donor, approved or declined
 * by the united front. Only approved pairings are ties that matching and the figures read. {@code
 * id} is null for pairings recorded before requests existed (always approved).
 */
public record Pairing(
    Long id,
    long campaignId,
    long donorId,
    String donorName,
    String villageId,
    String villageName,
    String countyName,
    Status status,
    OffsetDateTime requestedAt,
    OffsetDateTime decidedAt) {

  public enum Status {
    PENDING("pending"),
    APPROVED("approved"),
    DECLINED("declined");

    private final String wire;

    Status(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Status fromWire(String s) {
      for (Status v : values()) {
        if (v.wire.equals(s)) {
          return v;
        }
      }
      throw new IllegalArgumentException("unknown pairing status " + s);
    }
  }
}
