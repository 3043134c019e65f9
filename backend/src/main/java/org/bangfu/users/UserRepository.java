package org.bangfu.users;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;
import org.bangfu.auth.Role;
import org.bangfu.support.Rows;

/** All SQL about accounts. Takes a {@link SqlClient} so callers can use a transaction. */
public final class UserRepository {

  private static final String COLUMNS =
      "id, username, display_name, role, village_id, region_id, donor_id, active, created_at";

  static final String BY_USERNAME_WITH_HASH =
      "SELECT " + COLUMNS + ", password_hash, token_version FROM users WHERE username = $1";
  static final String BY_ID = "SELECT " + COLUMNS + " FROM users WHERE id = $1";
  static final String LIST =
      "SELECT "
          + COLUMNS
          + " FROM users "
          + "WHERE ($1::text IS NULL OR role = $1) ORDER BY username, id LIMIT $2 OFFSET $3";
  static final String COUNT = "SELECT count(*) FROM users WHERE ($1::text IS NULL OR role = $1)";
  static final String INSERT =
      "INSERT INTO users (username, display_name, role, village_id, "
          + "region_id, donor_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING "
          + COLUMNS;
  static final String UPDATE =
      "UPDATE users SET display_name = coalesce($2, display_name), "
          + "active = coalesce($3, active), password_hash = coalesce($4, password_hash), "
          + "updated_at = now() WHERE id = $1 RETURNING "
          + COLUMNS;

  /** An account for sign-in: its hash, and the version its tokens must carry to stay valid. */
  public record WithHash(User user, String passwordHash, int tokenVersion) {}

  public record NewUser(
      String username,
      String displayName,
      Role role,
      String villageId,
      String regionId,
      Long donorId,
      String passwordHash) {}

  public Future<Optional<WithHash>> findForLogin(SqlClient db, String username) {
    return db.preparedQuery(BY_USERNAME_WITH_HASH)
        .execute(Tuple.of(username))
        .map(
            rows ->
                Rows.first(
                    rows,
                    r ->
                        new WithHash(
                            map(r), r.getString("password_hash"), r.getInteger("token_version"))));
  }

  public Future<Optional<User>> find(SqlClient db, long id) {
    return db.preparedQuery(BY_ID)
        .execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, UserRepository::map));
  }

  public Future<List<User>> list(SqlClient db, Role role, int limit, long offset) {
    return db.preparedQuery(LIST)
        .execute(Tuple.of(role == null ? null : role.wire(), limit, offset))
        .map(rows -> Rows.all(rows, UserRepository::map));
  }

  public Future<Long> count(SqlClient db, Role role) {
    return db.preparedQuery(COUNT)
        .execute(Tuple.of(role == null ? null : role.wire()))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<User> insert(SqlClient db, NewUser u) {
    return db.preparedQuery(INSERT)
        .execute(
            Tuple.from(
                new Object[] {
                  u.username(),
                  u.displayName(),
                  u.role().wire(),
                  u.villageId(),
                  u.regionId(),
                  u.donorId(),
                  u.passwordHash()
                }))
        .map(rows -> map(rows.iterator().next()));
  }

  public Future<Optional<User>> update(
      SqlClient db, long id, String displayName, Boolean active, String passwordHash) {
    return db.preparedQuery(UPDATE)
        .execute(Tuple.of(id, displayName, active, passwordHash))
        .map(rows -> Rows.first(rows, UserRepository::map));
  }

  static User map(Row r) {
    return new User(
        r.getLong("id"),
        r.getString("username"),
        r.getString("display_name"),
        Role.fromWire(r.getString("role")).orElseThrow(),
        r.getString("village_id"),
        r.getString("region_id"),
        r.getLong("donor_id"),
        r.getBoolean("active"),
        r.getOffsetDateTime("created_at"));
  }
}
