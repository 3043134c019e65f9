package org.bangfu.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.bangfu.db.PoolFactory;
import org.bangfu.privacy.PersonalDataCipher;
import org.bangfu.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Keys outside the database")
class KeyStorageTest {

  static final Keys.FromEnvironment NOTHING =
      new Keys.FromEnvironment(Optional.empty(), Optional.empty(), Optional.empty());

  static Vertx vertx;
  static Pool pool;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    pool = PoolFactory.create(vertx, TestDatabase.create(), 2);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @BeforeEach
  void emptyTable() {
    pool.query("DELETE FROM app_secrets").execute().await();
  }

  static long rowsInDatabase() {
    return pool.query("SELECT count(*) FROM app_secrets")
        .execute()
        .await()
        .iterator()
        .next()
        .getLong(0);
  }

  static String key32() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  @Test
  @DisplayName(
      "a first start creates the three key files, readable by the owner only, and puts nothing in the database")
  void createdOutside(@TempDir Path data) throws Exception {
    Path dir = data.resolve("keys");
    Keys keys = Keys.load(vertx, pool, new KeyRepository(), dir, NOTHING).await();
    for (String f : new String[] {Keys.JWT_FILE, Keys.DATA_FILE, Keys.AUDIT_FILE}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))))
          .isEqualTo("rw-------");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    assertThat(rowsInDatabase()).isZero();
    assertThat(keys.jwtSecret()).hasSizeGreaterThanOrEqualTo(32);

    Keys again = Keys.load(vertx, pool, new KeyRepository(), dir, NOTHING).await();
    assertThat(again.jwtSecret()).isEqualTo(keys.jwtSecret());
    assertThat(again.dataKey()).isEqualTo(keys.dataKey());
    assertThat(again.auditPublicKeyBase64()).isEqualTo(keys.auditPublicKeyBase64());
    assertThat(Keys.installed()).containsSame(again);
  }

  @Test
  @DisplayName(
      "keys found in the database are moved to the key files and deleted from the table; the data still opens")
  void movedOut(@TempDir Path data) throws Exception {
    String oldData = key32();
    byte[] sealed =
        new PersonalDataCipher(Base64.getDecoder().decode(oldData))
            .encrypt("household.phone", "13800000000");
    pool.preparedQuery("INSERT INTO app_secrets (name, value) VALUES ($1, $2), ($3, $4)")
        .execute(
            Tuple.of(
                Keys.JWT_ROW,
                "an-old-token-key-of-more-than-32-characters",
                Keys.DATA_ROW,
                oldData))
        .await();

    Path dir = data.resolve("keys");
    Keys keys = Keys.load(vertx, pool, new KeyRepository(), dir, NOTHING).await();

    assertThat(rowsInDatabase()).isZero();
    assertThat(Files.readString(dir.resolve(Keys.DATA_FILE)).trim()).isEqualTo(oldData);
    assertThat(Files.readString(dir.resolve(Keys.JWT_FILE)).trim())
        .isEqualTo("an-old-token-key-of-more-than-32-characters");
    assertThat(keys.jwtSecret()).isEqualTo("an-old-token-key-of-more-than-32-characters");
    PersonalDataCipher cipher = PersonalDataCipher.resolve(pool).await();
    assertThat(cipher.decrypt("household.phone", sealed)).isEqualTo("13800000000");
  }

  @Test
  @DisplayName(
      "a different personal-data key already in the file: the database's key stays in use and in the table")
  void conflictKeepsTheDataReadable(@TempDir Path data) throws Exception {
    Path dir = data.resolve("keys");
    Keys.load(vertx, pool, new KeyRepository(), dir, NOTHING)
        .await(); // the file now holds a key of its own
    String inDb = key32();
    pool.preparedQuery("INSERT INTO app_secrets (name, value) VALUES ($1, $2)")
        .execute(Tuple.of(Keys.DATA_ROW, inDb))
        .await();

    Keys keys = Keys.load(vertx, pool, new KeyRepository(), dir, NOTHING).await();
    assertThat(Base64.getEncoder().encodeToString(keys.dataKey())).isEqualTo(inDb);
    assertThat(rowsInDatabase()).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "environment variables win over the files, and no personal-data key file is written then")
  void environmentFirst(@TempDir Path data) throws Exception {
    Path dir = data.resolve("keys");
    String dataKey = key32();
    String audit = Keys.encodeKeyPair(Keys.newAuditKey());
    Keys keys =
        Keys.load(
                vertx,
                pool,
                new KeyRepository(),
                dir,
                new Keys.FromEnvironment(
                    Optional.of("token-key-from-the-environment-0123456789"),
                    Optional.of(dataKey),
                    Optional.of(audit)))
            .await();
    assertThat(keys.jwtSecret()).isEqualTo("token-key-from-the-environment-0123456789");
    assertThat(Base64.getEncoder().encodeToString(keys.dataKey())).isEqualTo(dataKey);
    assertThat(Keys.encodeKeyPair(keys.auditKey())).isEqualTo(audit);
    assertThat(dir.resolve(Keys.DATA_FILE)).doesNotExist();
    assertThat(dir.resolve(Keys.JWT_FILE)).doesNotExist();
  }

  @Test
  @DisplayName(
      "a key directory and key file left open to others (copied by hand) are closed to the owner, the key kept")
  void looseFilesAreClosed(@TempDir Path data) throws Exception {
    Path dir = data.resolve("keys");
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path jwt = dir.resolve(Keys.JWT_FILE);
    Files.writeString(jwt, "token-key-copied-by-hand-0123456789-0123456789\n");
    Files.setPosixFilePermissions(jwt, PosixFilePermissions.fromString("rw-r--r--"));

    Keys keys = Keys.load(vertx, pool, new KeyRepository(), dir, NOTHING).await();
    assertThat(keys.jwtSecret()).isEqualTo("token-key-copied-by-hand-0123456789-0123456789");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(jwt)))
        .isEqualTo("rw-------");
  }
}
