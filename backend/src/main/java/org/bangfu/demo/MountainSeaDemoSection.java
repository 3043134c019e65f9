package org.bangfu.demo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The mountain-sea pairing's own help (山海协作对口帮扶): each coastal enterprise enrolled in the 山海协作
 * campaign whose paired mountain county has open needs pledges to that campaign and gives to those
 * needs — one gift verified, one confirmed, one delivered — so the campaign's figures and flows
 * show money on the demo data. Counters (need, pledge, village cap) move with the allocations, as a
 * claim would move them; dates lie within the campaign's period.
 */
final class MountainSeaDemoSection implements DemoSection {
  static final String[] STEPS = {"verified", "confirmed", "delivered"};

  @Override
  public String name() {
    return "mountain-sea";
  }

  /** The coastal donors enrolled in 山海协作 and their partner county. */
  static final String DONORS =
      """
      SELECT d.id AS donor_id, rp.to_id AS county, c.id AS campaign
        FROM campaigns c
        JOIN campaign_enrolments e ON e.campaign_id = c.id
        JOIN donors d ON d.id = e.donor_id
        JOIN region_pairings rp ON rp.kind = c.region_pairing_kind AND rp.from_id = d.home_county
       WHERE c.region_pairing_kind = 'mountain_sea'
       ORDER BY d.id""";

  /** Open money needs of a county with room under the village's cap, the most urgent first. */
  static final String NEEDS =
      """
      SELECT n.id, n.village_id, n.quantity - n.allocated AS remaining
        FROM needs n
        LEFT JOIN village_caps vc ON vc.village_id = n.village_id AND vc.unit = 'CNY'
       WHERE region_county(n.village_id) = $1 AND n.unit = 'CNY' AND n.status IN ('published', 'partly_allocated')
         AND n.quantity > n.allocated AND (vc.village_id IS NULL OR vc.max - vc.allocated >= n.quantity - n.allocated)
       ORDER BY n.priority DESC, n.id""";

  record Gift(
      long donor,
      long campaign,
      long need,
      String village,
      long quantity,
      String status,
      boolean pairedVillage) {}

  @Override
  public Future<Void> load(SqlConnection db, DemoContext demo) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
    return db.query(DONORS)
        .execute()
        .compose(
            donors -> {
              Future<List<Gift>> plan = Future.succeededFuture(new ArrayList<>());
              Set<Long> taken = new HashSet<>();
              for (Row d : donors) {
                long donor = d.getLong("donor_id");
                long campaign = d.getLong("campaign");
                String county = d.getString("county");
                plan =
                    plan.compose(
                        gifts ->
                            db.preparedQuery(NEEDS)
                                .execute(Tuple.of(county))
                                .compose(
                                    needs ->
                                        db.preparedQuery(
                                                "SELECT array_agg(village_id) FROM campaign_pairings WHERE campaign_id = $1 AND donor_id = $2")
                                            .execute(Tuple.of(campaign, donor))
                                            .map(
                                                p -> {
                                                  String[] paired =
                                                      p.iterator().next().getArrayOfStrings(0);
                                                  Set<String> pairedVillages =
                                                      paired == null ? Set.of() : Set.of(paired);
                                                  int k = 0;
                                                  for (Row n : needs) {
                                                    if (k == STEPS.length
                                                        || !taken.add(n.getLong("id"))) {
                                                      continue;
                                                    }
                                                    long q =
                                                        Math.max(1, n.getLong("remaining") / 2);
                                                    gifts.add(
                                                        new Gift(
                                                            donor,
                                                            campaign,
                                                            n.getLong("id"),
                                                            n.getString("village_id"),
                                                            q,
                                                            STEPS[k],
                                                            pairedVillages.contains(
                                                                n.getString("village_id"))));
                                                    k++;
                                                  }
                                                  return gifts;
                                                })));
              }
              return plan;
            })
        .compose(gifts -> write(db, gifts, now));
  }

  private static Future<Void> write(SqlConnection db, List<Gift> gifts, OffsetDateTime now) {
    Future<Void> f = Future.succeededFuture();
    Long lastDonor = null;
    // one pledge per donor, of what its gifts add up to and half as much again
    java.util.Map<Long, Long> perDonor = new java.util.LinkedHashMap<>();
    java.util.Map<Long, Long> campaignOf = new java.util.HashMap<>();
    for (Gift g : gifts) {
      perDonor.merge(g.donor(), g.quantity(), Long::sum);
      campaignOf.put(g.donor(), g.campaign());
    }
    java.util.Map<Long, Long> pledgeOf = new java.util.HashMap<>();
    for (var e : perDonor.entrySet()) {
      long donor = e.getKey();
      long given = e.getValue();
      long quantity = (given * 3 / 2 + 9_999) / 10_000 * 10_000;
      f =
          f.compose(
              v ->
                  db.preparedQuery(
                          """
              INSERT INTO pledges (donor_id, campaign_id, unit, quantity, allocated, mode, status, note, created_at, updated_at)
              VALUES ($1, $2, 'CNY', $3, $4, 'pooled', 'open', '山海协作对口帮扶资金', $5, $5) RETURNING id""")
                      .execute(
                          Tuple.from(
                              new Object[] {
                                donor, campaignOf.get(donor), quantity, given, now.minusDays(150)
                              }))
                      .map(
                          rows -> {
                            pledgeOf.put(donor, rows.iterator().next().getLong("id"));
                            return null;
                          }));
    }
    int i = 0;
    for (Gift g : gifts) {
      int index = i++;
      OffsetDateTime t0 = now.minusDays(120 - 9L * index);
      boolean verified = g.status().equals("verified");
      boolean delivered = verified || g.status().equals("delivered");
      f =
          f.compose(
                  v ->
                      db.preparedQuery(
                              """
              UPDATE needs SET allocated = allocated + $2,
                     status = CASE WHEN allocated + $2 = quantity THEN 'allocated' ELSE 'partly_allocated' END
               WHERE id = $1""")
                          .execute(Tuple.of(g.need(), g.quantity())))
              .compose(
                  v ->
                      db.preparedQuery(
                              "UPDATE village_caps SET allocated = allocated + $2 WHERE village_id = $1 AND unit = 'CNY'")
                          .execute(Tuple.of(g.village(), g.quantity())))
              .compose(
                  v ->
                      db.preparedQuery(
                              """
              INSERT INTO allocations (need_id, pledge_id, source, unit, quantity, reasons, status, created_at, updated_at,
                                       confirmed_at, delivered_at, received_at, verified_at)
              VALUES ($1, $2, 'claim', 'CNY', $3, $4, $5, $6, $6, $7, $8, $9, $9) RETURNING id""")
                          .execute(
                              Tuple.from(
                                  new Object[] {
                                    g.need(),
                                    pledgeOf.get(g.donor()),
                                    g.quantity(),
                                    g.pairedVillage()
                                        ? new String[] {"paired-village", "paired-county"}
                                        : new String[] {"paired-county"},
                                    g.status(),
                                    t0,
                                    t0.plusDays(2),
                                    delivered ? t0.plusDays(9) : null,
                                    verified ? t0.plusDays(15) : null
                                  })))
              .compose(
                  rows -> {
                    long id = rows.iterator().next().getLong("id");
                    List<Tuple> history = new ArrayList<>();
                    history.add(Tuple.of(id, "confirmed", t0.plusDays(2)));
                    if (delivered) {
                      history.add(Tuple.of(id, "delivered", t0.plusDays(9)));
                    }
                    if (verified) {
                      history.add(Tuple.of(id, "received", t0.plusDays(12)));
                      history.add(Tuple.of(id, "verified", t0.plusDays(15)));
                    }
                    return db.preparedQuery(
                            "INSERT INTO allocation_history (allocation_id, status, at) VALUES ($1, $2, $3)")
                        .executeBatch(history)
                        .compose(
                            x ->
                                delivered
                                    ? db.preparedQuery(
                                            "INSERT INTO allocation_evidence (allocation_id, n, stage, note) "
                                                + "VALUES ($1, 1, 'delivered', '山海协作帮扶资金已拨付至村账户。')")
                                        .execute(Tuple.of(id))
                                        .mapEmpty()
                                    : Future.<Void>succeededFuture())
                        .compose(
                            x ->
                                db.preparedQuery(
                                        "INSERT INTO audit_log (actor, role, entity, entity_id, action, after) "
                                            + "VALUES ('demo-data', 'system', 'allocation', $1, 'create', $2)")
                                    .execute(
                                        Tuple.of(
                                            String.valueOf(id),
                                            new JsonObject()
                                                .put("status", g.status())
                                                .put("quantity", g.quantity())
                                                .put("needId", g.need()))))
                        .mapEmpty();
                  });
    }
    return f;
  }
}
