package org.bangfu.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.List;

/** The campaigns of social participation from the seed, and the mountain-sea pairing. */
final class CampaignsSection implements DemoSection {

  /**
   * A campaign, the donor types that may enrol (empty: anyone) and the region pairing it follows.
   */
  record Campaign(
      String code,
      String name,
      String description,
      String[] donorTypes,
      String pairingKind,
      Integer targetVillages,
      Long targetYuan,
      Integer targetDonors) {}

  static final List<Campaign> CAMPAIGNS =
      List.of(
          new Campaign(
              "bqbbc",
              "百企帮百村",
              "百家民营企业结对帮扶百个贫困村：产业、就业、村集体经济。A hundred private enterprises pair with a hundred poor villages.",
              new String[] {"enterprise"},
              null,
              100,
              30_000_000L,
              100),
          new Campaign(
              "bhfbc",
              "百会扶百村",
              "百家商会、协会结对帮扶贫困村。Chambers of commerce and trade associations pair with poor villages.",
              new String[] {"chamber"},
              null,
              100,
              10_000_000L,
              100),
          new Campaign(
              "bqzbc",
              "百侨助百村",
              "海外侨亲、港澳同胞助力祖籍地贫困村。Overseas Chinese help the poor villages of their hometowns.",
              new String[] {"overseas"},
              null,
              100,
              5_000_000L,
              100),
          new Campaign(
              "shxz",
              "山海协作对口帮扶",
              "沿海县（市、区）对口帮扶山区县，帮扶资金按时足额拨付到位。Coastal units help their paired mountain counties.",
              new String[0],
              "mountain_sea",
              null,
              20_000_000L,
              null));

  @Override
  public String name() {
    return "campaigns";
  }

  @Override
  public Future<Void> load(SqlConnection db, DemoContext demo) {
    // the campaigns began in 2018 (the work plan's year) and still run: they end at the close of
    // next year, so the demo's activity, dated in the months before loading, lies within them
    LocalDate ends =
        LocalDate.of(java.time.Year.now(java.time.ZoneOffset.UTC).getValue() + 1, 12, 31);
    Future<?> f = Future.succeededFuture();
    for (Campaign c : CAMPAIGNS) {
      f =
          f.compose(
              v ->
                  db.preparedQuery(
                          "INSERT INTO campaigns (code, name, description, starts_on, ends_on, "
                              + "donor_types, region_pairing_kind, target_villages, target_yuan, target_donors) "
                              + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id")
                      .execute(
                          Tuple.from(
                              new Object[] {
                                c.code(),
                                c.name(),
                                c.description(),
                                LocalDate.of(2018, 1, 1),
                                ends,
                                c.donorTypes(),
                                c.pairingKind(),
                                c.targetVillages(),
                                c.targetYuan(),
                                c.targetDonors()
                              }))
                      .onSuccess(
                          rows -> {
                            Row row = rows.iterator().next();
                            demo.put("campaign." + c.code(), row.getLong("id"));
                          }));
    }
    return f.mapEmpty();
  }
}
