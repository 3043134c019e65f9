package org.bangfu.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * One or more accounts for every role, all with the password {@link DemoContext#DEMO_PASSWORD}:
 * printed at start-up and listed in the README.
 */
final class AccountsSection implements DemoSection {

  /** Every demo username, in the order they are made (DemoDataTest keeps this true). */
  static final List<String> USERNAMES =
      List.of(
          "admin",
          "tongzhan",
          "shenji",
          "jiwei",
          "fpb-quanzhou",
          "fpb-anxi",
          "fpb-yongchun",
          "fpb-dehua",
          "fpb-nanan",
          "fpb-quangang",
          "fpb-anxi-town",
          "shuji-anxi",
          "shuji-yongchun",
          "shuji-dehua",
          "shuji-nanan",
          "shuji-quangang",
          "shuji-changting",
          "qiye-1",
          "qiye-2",
          "qiye-3",
          "shanghui-1",
          "shanghui-2",
          "qiaoqin-1",
          "qiaoqin-2",
          "geren-1");

  @Override
  public String name() {
    return "accounts";
  }

  private record Account(
      String username,
      String displayName,
      String role,
      String villageId,
      String regionId,
      Long donorId,
      String what) {}

  @Override
  public Future<Void> load(SqlConnection db, DemoContext demo) {
    List<String> poor = demo.get("regions.poorVillages");
    List<String> paired = demo.get("regions.pairedVillages");
    List<Account> accounts = new ArrayList<>();
    accounts.add(new Account("admin", "系统管理员", "admin", null, null, null, "everything"));
    accounts.add(
        new Account(
            "tongzhan",
            "市委统战部",
            "united_front",
            null,
            null,
            null,
            "campaign monitor, runs match rounds"));
    accounts.add(
        new Account("shenji", "市审计局", "auditor", null, null, null, "fund flows, audit trail"));
    accounts.add(
        new Account("jiwei", "市纪委监委", "auditor", null, null, null, "fund flows, audit trail"));
    accounts.add(
        new Account(
            "fpb-quanzhou", "泉州市扶贫办", "reviewer", null, "3505", null, "reviewer, all of Quanzhou"));
    String[][] counties = {
      {"anxi", "350524", "安溪县"},
      {"yongchun", "350525", "永春县"},
      {"dehua", "350526", "德化县"},
      {"nanan", "350583", "南安市"},
      {"quangang", "350505", "泉港区"}
    };
    for (String[] c : counties) {
      accounts.add(
          new Account(
              "fpb-" + c[0],
              c[2] + "扶贫办",
              "reviewer",
              null,
              c[1],
              null,
              "reviewer, county " + c[1] + " " + c[2]));
    }
    String firstPoorAnxi = first(poor, "350524");
    String anxiTownship = firstPoorAnxi.substring(0, firstPoorAnxi.lastIndexOf('-'));
    accounts.add(
        new Account(
            "fpb-anxi-town",
            "安溪县乡镇扶贫站",
            "reviewer",
            null,
            anxiTownship,
            null,
            "reviewer, township " + anxiTownship));
    for (String[] c : counties) {
      String v = first(poor, c[1]);
      accounts.add(
          new Account(
              "shuji-" + c[0],
              c[2] + "驻村第一书记",
              "village_secretary",
              v,
              null,
              null,
              "secretary of village " + v));
    }
    String pv =
        paired.stream().filter(v -> v.startsWith("350821")).findFirst().orElse(paired.get(0));
    accounts.add(
        new Account(
            "shuji-changting",
            "长汀县驻村第一书记",
            "village_secretary",
            pv,
            null,
            null,
            "secretary of village " + pv + " (paired county)"));
    addDonors(demo, accounts, "enterprise", "qiye", 3, "donor, enterprise ");
    addDonors(demo, accounts, "chamber", "shanghui", 2, "donor, chamber of commerce ");
    addDonors(demo, accounts, "overseas", "qiaoqin", 2, "donor, overseas Chinese ");
    addDonors(demo, accounts, "individual", "geren", 1, "donor, individual ");

    List<Tuple> rows =
        accounts.stream()
            .map(
                a ->
                    Tuple.from(
                        new Object[] {
                          a.username(),
                          a.displayName(),
                          a.role(),
                          a.villageId(),
                          a.regionId(),
                          a.donorId(),
                          demo.demoPasswordHash()
                        }))
            .toList();
    accounts.forEach(a -> demo.addAccount(a.username(), a.role(), a.what()));
    return db.preparedQuery(
            "INSERT INTO users (username, display_name, role, village_id, region_id, donor_id, "
                + "password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, username")
        .executeBatch(rows)
        .onSuccess(
            result -> {
              for (var rs = result; rs != null; rs = rs.next()) {
                rs.forEach(row -> demo.put("user." + row.getString("username"), row.getLong("id")));
              }
            })
        .mapEmpty();
  }

  private static void addDonors(
      DemoContext demo,
      List<Account> accounts,
      String type,
      String prefix,
      int count,
      String what) {
    List<Long> ids = demo.get("donors." + type);
    for (int i = 0; i < count && i < ids.size(); i++) {
      long id = ids.get(i);
      accounts.add(
          new Account(
              prefix + "-" + (i + 1),
              "捐赠方账号 " + prefix + "-" + (i + 1),
              "donor",
              null,
              null,
              id,
              what + "#" + id));
    }
  }

  private static String first(List<String> villages, String county) {
    return villages.stream()
        .filter(v -> v.startsWith(county + "-"))
        .sorted()
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no poor village in " + county));
  }
}
