package org.bangfu.progress;

/**
 * The test oracle: campaign progress aggregated from the ledger on every call, as the route did
 * before the summaries (the rules of {@link ProgressRepository}'s class comment, written as SQL
 * over allocations, pledges, donors, needs, enrolments and pairings). Tests compare the route's
 * figures with these.
 */
final class LedgerProgress {
  static final String ACTIVE = "('proposed','confirmed','delivered','received','verified')";
  static final String PROPOSED = "status = 'proposed'";
  static final String CONFIRMED = "status IN ('confirmed','delivered','received','verified')";
  static final String DELIVERED = "status IN ('delivered','received','verified')";
  static final String VERIFIED = "status = 'verified'";

  /** The campaign's allocations, $1 the campaign. */
  static final String CA =
      """
      WITH ca AS (
        SELECT a.id, a.status, a.unit, a.quantity, a.confirmed_at, a.verified_at, p.campaign_id AS pledge_campaign,
               d.home_county, n.village_id, n.category, region_county(n.village_id) AS county
          FROM allocations a
          JOIN pledges p ON p.id = a.pledge_id
          JOIN donors d ON d.id = p.donor_id
          JOIN needs n ON n.id = a.need_id
         WHERE a.status IN """
          + ACTIVE
          + """

           AND (p.campaign_id = $1
                OR (EXISTS (SELECT 1 FROM campaign_enrolments e WHERE e.campaign_id = $1 AND e.donor_id = p.donor_id)
                    AND (EXISTS (SELECT 1 FROM campaign_pairings cp
                                  WHERE cp.campaign_id = $1 AND cp.donor_id = p.donor_id AND cp.village_id = n.village_id)
                         OR EXISTS (SELECT 1 FROM campaigns c JOIN region_pairings rp ON rp.kind = c.region_pairing_kind
                                     WHERE c.id = $1 AND rp.from_id = d.home_county
                                       AND rp.to_id = region_county(n.village_id)))))
      )
      """;

  static final String STAGE_SUMS =
      """
      sum(quantity) FILTER (WHERE\s"""
          + PROPOSED
          + """
      ) AS proposed,
             sum(quantity) FILTER (WHERE\s"""
          + CONFIRMED
          + """
      ) AS confirmed,
             sum(quantity) FILTER (WHERE\s"""
          + DELIVERED
          + """
      ) AS delivered,
             sum(quantity) FILTER (WHERE\s"""
          + VERIFIED
          + ") AS verified";

  static final String ALLOCATED =
      CA + "SELECT county, category, unit, " + STAGE_SUMS + " FROM ca GROUP BY 1, 2, 3";

  /**
   * What was pledged, by the donor's home county: the campaign's own pledges (withdrawn and expired
   * ones for what they gave), and what other pledges gave through its ties.
   */
  static final String PLEDGED =
      CA
          + """
      SELECT d.home_county AS county, p.unit, p.categories,
             sum(CASE WHEN p.status IN ('withdrawn','expired') THEN p.allocated ELSE p.quantity END) AS pledged
        FROM pledges p JOIN donors d ON d.id = p.donor_id
       WHERE p.campaign_id = $1
       GROUP BY 1, 2, 3
      UNION ALL
      SELECT home_county, unit, ARRAY[category::text], sum(quantity)
        FROM ca WHERE pledge_campaign IS DISTINCT FROM $1
       GROUP BY 1, 2, 3""";

  static final String BY_ORIGIN =
      CA + "SELECT home_county AS county, unit, " + STAGE_SUMS + " FROM ca GROUP BY 1, 2";

  static final String NEEDS =
      CA
          + """
      SELECT region_county(n.village_id) AS county, n.category,
             count(*) FILTER (WHERE n.status = 'published') AS open,
             count(*) FILTER (WHERE n.status = 'partly_allocated') AS partly,
             count(*) FILTER (WHERE n.status IN ('allocated','fulfilled','verified')) AS fully
        FROM needs n
       WHERE n.status IN ('published','partly_allocated','allocated','fulfilled','verified')
         AND (n.village_id IN (SELECT village_id FROM campaign_pairings WHERE campaign_id = $1)
              OR n.id IN (SELECT a.need_id FROM allocations a WHERE a.id IN (SELECT id FROM ca)))
       GROUP BY 1, 2""";

  static final String ENROLLED =
      """
      SELECT (SELECT count(*) FROM campaign_enrolments WHERE campaign_id = $1) AS donors,
             (SELECT count(DISTINCT village_id) FROM campaign_pairings WHERE campaign_id = $1) AS villages""";

  static final String PAIRED_BY_COUNTY =
      """
      SELECT region_county(village_id) AS county, count(DISTINCT donor_id) AS donors,
             count(DISTINCT village_id) AS villages
        FROM campaign_pairings WHERE campaign_id = $1 GROUP BY 1""";

  /** Confirmed by the month of confirmation, verified by the month of verification. */
  static final String BY_MONTH =
      CA
          + """
      SELECT month, unit, sum(confirmed) AS confirmed, sum(verified) AS verified FROM (
          SELECT to_char(confirmed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, unit, quantity AS confirmed,
                 0 AS verified
            FROM ca WHERE\s"""
          + CONFIRMED
          + """
       AND confirmed_at IS NOT NULL
          UNION ALL
          SELECT to_char(verified_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), unit, 0, quantity
            FROM ca WHERE\s"""
          + VERIFIED
          + """
       AND verified_at IS NOT NULL) m
       GROUP BY 1, 2 ORDER BY 1, 2""";

  /** 山海协作: what went from each Quanzhou unit (the donor's home county) to its paired county. */
  static final String PAIRING_FLOWS =
      CA
          + """
      SELECT rp.from_id, f.name AS from_name, rp.to_id, t.name AS to_name, x.unit, x.proposed, x.confirmed, x.verified
        FROM region_pairings rp
        JOIN regions f ON f.id = rp.from_id JOIN regions t ON t.id = rp.to_id
        LEFT JOIN (SELECT home_county, county, unit,\s"""
          + STAGE_SUMS
          + """

                     FROM ca GROUP BY 1, 2, 3) x ON x.home_county = rp.from_id AND x.county = rp.to_id
       WHERE rp.kind = 'mountain_sea'
       ORDER BY rp.from_id, rp.to_id, x.unit""";

  /** The shape the service reads: by county (category null) and by category (county null). */
  static final String ALLOCATED_GROUPED =
      "SELECT county, category, unit, sum(proposed) AS proposed, sum(confirmed) AS confirmed, "
          + "sum(delivered) AS delivered, sum(verified) AS verified FROM ("
          + ALLOCATED
          + ") x GROUP BY GROUPING SETS ((county, unit), (category, unit))";

  static final String NEEDS_GROUPED =
      "SELECT county, category, sum(open) AS open, sum(partly) AS partly, sum(fully) AS fully FROM ("
          + NEEDS
          + ") x GROUP BY GROUPING SETS ((county), (category))";

  static final ProgressRepository.Queries QUERIES =
      new ProgressRepository.Queries(
          ALLOCATED_GROUPED,
          PLEDGED,
          BY_ORIGIN,
          NEEDS_GROUPED,
          BY_MONTH,
          PAIRING_FLOWS,
          ENROLLED,
          PAIRED_BY_COUNTY);

  private LedgerProgress() {}
}
