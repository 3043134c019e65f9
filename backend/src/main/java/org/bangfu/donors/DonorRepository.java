package org.bangfu.donors;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.bangfu.db.Listing;
import org.bangfu.support.Page;
import org.bangfu.support.Paging;
import org.bangfu.support.Rows;

/** All SQL about donors. Takes a {@link SqlClient} so callers can use a transaction. */
public final class DonorRepository {

  static final String COLUMNS =
      """
      SELECT d.id, d.name, d.type, d.home_county, hc.name AS home_county_name, d.hometown_county,
             d.hometown_township, d.hometown_village, d.country, d.verified""";
  static final String FROM = "FROM donors d LEFT JOIN regions hc ON hc.id = d.home_county";
  static final String BY_ID = COLUMNS + " " + FROM + " WHERE d.id = $1";
  static final String EXISTS = "SELECT EXISTS (SELECT 1 FROM donors WHERE id = $1)";
  static final String LOCK = "SELECT id FROM donors WHERE id = $1 FOR UPDATE";
  static final String IN_CAMPAIGN =
      "d.id IN (SELECT donor_id FROM campaign_enrolments WHERE campaign_id = $?)";
  static final String CAMPAIGNS =
      """
      SELECT c.id, c.code, c.name FROM campaign_enrolments e JOIN campaigns c ON c.id = e.campaign_id
       WHERE e.donor_id = $1 ORDER BY c.id""";
  static final String PAIRED =
      """
      SELECT cp.campaign_id, cp.village_id, v.name FROM campaign_pairings cp JOIN regions v ON v.id = cp.village_id
       WHERE cp.donor_id = $1 ORDER BY cp.campaign_id, cp.village_id""";
  static final String INSERT =
      """
      INSERT INTO donors (name, type, home_county, hometown_county, hometown_township, hometown_village,
                          country, verified)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id""";

  /** Null keeps a value; a hometown is replaced whole (its county is never null). */
  static final String UPDATE =
      """
      UPDATE donors SET name = coalesce($2, name), type = coalesce($3, type),
             home_county = coalesce($4, home_county),
             hometown_county = coalesce($5, hometown_county),
             hometown_township = CASE WHEN $5::text IS NULL THEN hometown_township ELSE $6 END,
             hometown_village = CASE WHEN $5::text IS NULL THEN hometown_village ELSE $7 END,
             country = coalesce($8, country), verified = coalesce($9, verified), updated_at = $10
       WHERE id = $1""";

  /** What a list may be narrowed to (null: not narrowed). */
  public record Filter(Donor.Type type, Long campaignId, String nameContains) {}

  /** A new donor's fields; {@code hometown} may be null. */
  public record NewDonor(
      String name,
      Donor.Type type,
      String homeCounty,
      Donor.Hometown hometown,
      String country,
      boolean verified) {

    /** Every field of the new donor, as a change from nothing. */
    public Changes asChanges() {
      return new Changes(name, type, homeCounty, hometown, country, verified);
    }
  }

  /** The fields to change; null keeps a field, a hometown replaces the old one whole. */
  public record Changes(
      String name,
      Donor.Type type,
      String homeCounty,
      Donor.Hometown hometown,
      String country,
      Boolean verified) {

    public boolean isEmpty() {
      return name == null
          && type == null
          && homeCounty == null
          && hometown == null
          && country == null
          && verified == null;
    }
  }

  public Future<Page<Donor>> list(SqlClient db, Filter filter, Paging paging) {
    Listing list = new Listing();
    if (filter.type() != null) {
      list.where("d.type = $?", filter.type().wire());
    }
    if (filter.campaignId() != null) {
      list.where(IN_CAMPAIGN, filter.campaignId());
    }
    if (filter.nameContains() != null) {
      list.where("d.name ILIKE $?", Listing.contains(filter.nameContains()));
    }
    return list.page(db, COLUMNS, FROM, "d.id", paging, DonorRepository::map);
  }

  public Future<Optional<Donor>> find(SqlClient db, long id) {
    return db.preparedQuery(BY_ID)
        .execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, DonorRepository::map));
  }

  /** The donor with its enrolments and paired villages. */
  public Future<Optional<Donor.Detail>> detail(SqlClient db, long id) {
    return find(db, id)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
              }
              return db.preparedQuery(CAMPAIGNS)
                  .execute(Tuple.of(id))
                  .compose(
                      cs -> {
                        List<Donor.Enrolment> campaigns =
                            Rows.all(
                                cs,
                                c ->
                                    new Donor.Enrolment(
                                        c.getLong("id"), c.getString("code"), c.getString("name")));
                        return db.preparedQuery(PAIRED)
                            .execute(Tuple.of(id))
                            .map(
                                ps -> {
                                  List<Donor.PairedVillage> paired =
                                      Rows.all(
                                          ps,
                                          p ->
                                              new Donor.PairedVillage(
                                                  p.getLong("campaign_id"),
                                                  p.getString("village_id"),
                                                  p.getString("name")));
                                  return Optional.of(
                                      new Donor.Detail(found.get(), campaigns, paired));
                                });
                      });
            });
  }

  public Future<Boolean> exists(SqlClient db, long id) {
    return db.preparedQuery(EXISTS)
        .execute(Tuple.of(id))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** Locks the donor's row for the rest of the transaction; false when there is no such donor. */
  public Future<Boolean> lock(SqlClient db, long id) {
    return db.preparedQuery(LOCK).execute(Tuple.of(id)).map(rows -> rows.size() > 0);
  }

  public Future<Long> insert(SqlClient db, NewDonor d) {
    Donor.Hometown h = d.hometown();
    return db.preparedQuery(INSERT)
        .execute(
            Tuple.from(
                new Object[] {
                  d.name(),
                  d.type().wire(),
                  d.homeCounty(),
                  h == null ? null : h.county(),
                  h == null ? null : h.township(),
                  h == null ? null : h.village(),
                  d.country(),
                  d.verified()
                }))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Void> update(SqlClient db, long id, Changes c, OffsetDateTime now) {
    Donor.Hometown h = c.hometown();
    return db.preparedQuery(UPDATE)
        .execute(
            Tuple.from(
                new Object[] {
                  id,
                  c.name(),
                  c.type() == null ? null : c.type().wire(),
                  c.homeCounty(),
                  h == null ? null : h.county(),
                  h == null ? null : h.township(),
                  h == null ? null : h.village(),
                  c.country(),
                  c.verified(),
                  now
                }))
        .mapEmpty();
  }

  static Donor map(Row r) {
    String county = r.getString("hometown_county");
    Donor.Hometown hometown =
        county == null
            ? null
            : new Donor.Hometown(
                county, r.getString("hometown_township"), r.getString("hometown_village"));
    return new Donor(
        r.getLong("id"),
        r.getString("name"),
        Donor.Type.fromWire(r.getString("type")).orElseThrow(),
        r.getString("home_county"),
        r.getString("home_county_name"),
        hometown,
        r.getString("country"),
        r.getBoolean("verified"));
  }
}
