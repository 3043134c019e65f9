package org.bangfu.progress;

/**
 * The SQL of campaign progress, in one place. A campaign's money is what its pledges
 * ({@code pledges.campaign_id}) pledge and allocate; its needs are the published needs of the
 * villages paired in it, and any need one of its pledges gives to. The allocation stages are
 * cumulative: "confirmed" counts everything that got at least that far (confirmed, delivered,
 * received, verified), "delivered" everything delivered or later, "verified" the verified.
 */
final class ProgressQueries {
    static final String ACTIVE = "('proposed','confirmed','delivered','received','verified')";

    static final String CAMPAIGN = "SELECT id, code, name FROM campaigns WHERE id = $1";

    /** From the summary kept by the ledger's triggers (V71__progress_summary.sql), not the allocations. */
    static final String ALLOCATED = """
            SELECT county, category, unit, sum(allocated) AS allocated, sum(confirmed) AS confirmed,
                   sum(delivered) AS delivered, sum(verified) AS verified
              FROM progress_allocated WHERE campaign_id = $1
             GROUP BY 1, 2, 3 HAVING sum(allocated) <> 0""";

    /** Withdrawn and expired pledges still count for what they gave. */
    static final String PLEDGED = """
            SELECT d.home_county AS county, p.unit, p.categories,
                   sum(CASE WHEN p.status IN ('withdrawn','expired') THEN p.allocated ELSE p.quantity END) AS pledged
              FROM pledges p JOIN donors d ON d.id = p.donor_id
             WHERE p.campaign_id = $1
             GROUP BY 1, 2, 3""";

    static final String NEEDS = """
            SELECT region_county(n.village_id) AS county, n.category,
                   count(*) FILTER (WHERE n.status = 'published') AS open,
                   count(*) FILTER (WHERE n.status = 'partly_allocated') AS partly,
                   count(*) FILTER (WHERE n.status IN ('allocated','fulfilled','verified')) AS fully
              FROM needs n
             WHERE n.status IN ('published','partly_allocated','allocated','fulfilled','verified')
               AND (n.village_id IN (SELECT village_id FROM campaign_pairings WHERE campaign_id = $1)
                    OR EXISTS (SELECT 1 FROM allocations a JOIN pledges p ON p.id = a.pledge_id
                                WHERE a.need_id = n.id AND p.campaign_id = $1 AND a.status IN """ + ACTIVE + "))"
            + """

             GROUP BY 1, 2""";

    static final String ENROLLED = """
            SELECT (SELECT count(*) FROM campaign_enrolments WHERE campaign_id = $1) AS donors,
                   (SELECT count(DISTINCT village_id) FROM campaign_pairings WHERE campaign_id = $1) AS villages""";

    static final String PAIRED_BY_COUNTY = """
            SELECT region_county(village_id) AS county, count(DISTINCT donor_id) AS donors,
                   count(DISTINCT village_id) AS villages
              FROM campaign_pairings WHERE campaign_id = $1 GROUP BY 1""";

    static final String BY_MONTH = """
            SELECT month, unit, allocated, verified FROM progress_monthly
             WHERE campaign_id = $1 AND (allocated <> 0 OR verified <> 0) ORDER BY 1, 2""";

    /** 山海协作: how much went from each Quanzhou unit (the donor's home county) to its paired county. */
    static final String PAIRING_FLOWS = """
            SELECT rp.from_id, f.name AS from_name, rp.to_id, t.name AS to_name, x.unit, x.allocated, x.verified
              FROM region_pairings rp
              JOIN regions f ON f.id = rp.from_id JOIN regions t ON t.id = rp.to_id
              LEFT JOIN (SELECT home_county, county, unit, sum(allocated) AS allocated, sum(verified) AS verified
                           FROM progress_allocated WHERE campaign_id = $1 AND home_county <> ''
                          GROUP BY 1, 2, 3 HAVING sum(allocated) <> 0) x ON x.home_county = rp.from_id AND x.county = rp.to_id
             WHERE rp.kind = 'mountain_sea'
             ORDER BY rp.from_id, rp.to_id, x.unit""";

    static final String COUNTY_NAMES = "SELECT id, name FROM regions WHERE level = 'county'";

    private ProgressQueries() {
    }
}
