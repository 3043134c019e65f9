package org.bangfu.opendata;

import java.time.OffsetDateTime;

/** A donor's allocation of yuan as the ledger holds it, with the times of its steps. */
public record DonorRow(
    long allocationId,
    long pledgeId,
    OffsetDateTime pledgeAt,
    long pledgeQuantity,
    String needTitle,
    String category,
    boolean forHousehold,
    String villageId,
    String villageName,
    String countyId,
    String countyName,
    long donorId,
    String donorName,
    String campaignCode,
    String campaignName,
    long quantity,
    String status,
    OffsetDateTime createdAt,
    OffsetDateTime confirmedAt,
    OffsetDateTime deliveredAt,
    OffsetDateTime receivedAt,
    OffsetDateTime verifiedAt,
    OffsetDateTime updatedAt,
    Long noticeId,
    OffsetDateTime noticeAt,
    boolean unbroken) {}
