package org.bangfu.opendata;

import java.time.OffsetDateTime;

/**
 * One fiscal programme's share of one project (the project allocation) as the fund ledger holds it,
 * with the times of its steps; the disbursements are read beside it.
 */
public record FiscalRow(
    long projectId,
    long programmeId,
    String projectName,
    String category,
    boolean forHousehold,
    String regionId,
    String regionName,
    String countyId,
    String countyName,
    String programmeName,
    String programmeSource,
    String sourceRegionId,
    String sourceRegionName,
    String campaignCode,
    String campaignName,
    OffsetDateTime programmeAt,
    long amount,
    long disbursed,
    OffsetDateTime projectAt,
    OffsetDateTime approvedAt,
    OffsetDateTime acceptedAt,
    String status,
    Long noticeId,
    OffsetDateTime noticeAt,
    boolean unbroken) {

  /** A payment (拨付) of a programme to a project. */
  public record Disbursement(
      long id, long projectId, long programmeId, long amount, OffsetDateTime at) {}
}
