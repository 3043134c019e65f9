package org.bangfu.testing;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.bangfu.auth.PasswordHasher;
import org.bangfu.auth.Role;

/**
 * A small, known world for tests: two counties of Quanzhou with a few villages, one paired county,
 * two donors, the 百企帮百村 campaign, and one account per role (two secretaries, two donors and four
 * reviewers — of the county, a township, another county, another township — to test that each stays
 * inside their own).
 */
public final class TestFixture {

  public static final String PASSWORD = "test-password-1";
  private static final String HASH = PasswordHasher.hashBlocking(PASSWORD);

  public static final String CITY = "3505";
  public static final String COUNTY = "350524"; // 安溪县
  public static final String TOWNSHIP = "350524-T01";
  public static final String VILLAGE = "350524-T01-V01"; // the secretary's village
  public static final String VILLAGE_SAME_TOWNSHIP = "350524-T01-V02";
  public static final String OTHER_TOWNSHIP = "350524-T02";
  public static final String VILLAGE_OTHER_TOWNSHIP = "350524-T02-V01";
  public static final String OTHER_COUNTY = "350525"; // 永春县
  public static final String OTHER_VILLAGE = "350525-T01-V01";
  public static final String PAIRED_COUNTY = "350821"; // 龙岩市长汀县, paired with 晋江市
  public static final long DONOR = 1;
  public static final long OTHER_DONOR = 2;
  public static final long CAMPAIGN = 1;

  /** Usernames of the fixture accounts. */
  public enum Account {
    SECRETARY("t-secretary", Role.VILLAGE_SECRETARY),
    OTHER_SECRETARY("t-secretary2", Role.VILLAGE_SECRETARY),
    REVIEWER("t-reviewer", Role.REVIEWER),
    TOWNSHIP_REVIEWER("t-reviewer-tw", Role.REVIEWER),
    DONOR("t-donor", Role.DONOR),
    OTHER_DONOR("t-donor2", Role.DONOR),
    UNITED_FRONT("t-unitedfront", Role.UNITED_FRONT),
    AUDITOR("t-auditor", Role.AUDITOR),
    ADMIN("t-admin", Role.ADMIN),
    // reviewers of another county and of another township of the same county, to check that every
    // region-scoped operation refuses them
    OTHER_COUNTY_REVIEWER("t-reviewer-oc", Role.REVIEWER),
    OTHER_TOWNSHIP_REVIEWER("t-reviewer-ot", Role.REVIEWER);

    public final String username;
    public final Role role;

    Account(String username, Role role) {
      this.username = username;
      this.role = role;
    }

    /** The main fixture account of a role. */
    public static Account of(Role role) {
      for (Account a : values()) {
        if (a.role == role) {
          return a;
        }
      }
      throw new IllegalArgumentException(role.wire());
    }
  }

  private TestFixture() {}

  private static final List<String> REGIONS =
      List.of(
          "35|null|province|福建省",
          "3505|35|city|泉州市",
          "350524|3505|county|安溪县",
          "350524-T01|350524|township|龙门镇",
          "350524-T01-V01|350524-T01|village|洋坑村",
          "350524-T01-V02|350524-T01|village|桂林村",
          "350524-T02|350524|township|虎邱镇",
          "350524-T02-V01|350524-T02|village|湖西村",
          "350525|3505|county|永春县",
          "350525-T01|350525|township|桃城镇",
          "350525-T01-V01|350525-T01|village|花石村",
          "350582|3505|county|晋江市",
          "3508|35|city|龙岩市",
          "350821|3508|county|长汀县",
          "350821-T01|350821|township|河田镇",
          "350821-T01-V01|350821-T01|village|南塘村");

  public static Future<Void> load(Pool pool) {
    return pool.withTransaction(
        db -> {
          Future<?> f = Future.succeededFuture();
          int sort = 0;
          for (String line : REGIONS) {
            String[] p = line.split("\\|");
            boolean village = p[2].equals("village");
            int s = sort++;
            f =
                f.compose(
                    v ->
                        db.preparedQuery(
                                "INSERT INTO regions (id, parent_id, level, name, sort, "
                                    + "poor_village, collective_income) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                            .execute(
                                Tuple.from(
                                    new Object[] {
                                      p[0],
                                      p[1].equals("null") ? null : p[1],
                                      p[2],
                                      p[3],
                                      s,
                                      village && !p[0].endsWith("V02"),
                                      village ? 8000L + s * 1000L : null
                                    })));
          }
          return f.compose(
                  v ->
                      db.query(
                              "INSERT INTO region_pairings (from_id, to_id) VALUES ('350582', '350821');"
                                  + "INSERT INTO campaigns (code, name, starts_on) VALUES ('bqbbc', '百企帮百村', '2018-01-01');"
                                  + "INSERT INTO donors (name, type, home_county, verified) VALUES "
                                  + "('测试实业有限公司', 'enterprise', '350582', true), ('测试侨亲', 'overseas', null, true)")
                          .execute())
              .compose(
                  v -> {
                    Future<?> users = Future.succeededFuture();
                    for (Account a : Account.values()) {
                      String village =
                          switch (a) {
                            case SECRETARY -> VILLAGE;
                            case OTHER_SECRETARY -> OTHER_VILLAGE;
                            default -> null;
                          };
                      String region =
                          switch (a) {
                            case REVIEWER -> COUNTY;
                            case TOWNSHIP_REVIEWER -> TOWNSHIP;
                            case OTHER_COUNTY_REVIEWER -> OTHER_COUNTY;
                            case OTHER_TOWNSHIP_REVIEWER -> OTHER_TOWNSHIP;
                            default -> null;
                          };
                      Long donor =
                          switch (a) {
                            case DONOR -> DONOR;
                            case OTHER_DONOR -> OTHER_DONOR;
                            default -> null;
                          };
                      users =
                          users.compose(
                              x ->
                                  db.preparedQuery(
                                          "INSERT INTO users (username, display_name, role, "
                                              + "village_id, region_id, donor_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                                      .execute(
                                          Tuple.from(
                                              new Object[] {
                                                a.username,
                                                "测试 " + a.name(),
                                                a.role.wire(),
                                                village,
                                                region,
                                                donor,
                                                HASH
                                              })));
                    }
                    return users;
                  })
              .mapEmpty();
        });
  }
}
