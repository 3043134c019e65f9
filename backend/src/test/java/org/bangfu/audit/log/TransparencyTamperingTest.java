package org.bangfu.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import org.bangfu.keys.Keys;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What someone with database rights (and, in the worst case, the audit signing key) can do to the
 * log, done here as the superuser with the append-only triggers disabled, and who notices: the
 * server refuses to sign, the auditor's check and verify-audit report it, a witness refuses.
 */
@DisplayName("Transparency log: rewritten, truncated or forked logs are caught")
class TransparencyTamperingTest {

  LogFixture f;

  @BeforeEach
  void start() throws Exception {
    f = new LogFixture();
  }

  @AfterEach
  void stop() {
    f.close();
  }

  long heads() {
    return f.one("SELECT count(*) FROM audit_log_heads");
  }

  HttpResponse<Buffer> tryHead() {
    return f.app.post("/api/v1/audit-log/heads", Account.ADMIN, null);
  }

  @Test
  @DisplayName("no head is signed over a log whose rows do not verify")
  void headRefusedWhenTheLogDoesNotVerify() {
    f.append(5);
    f.head();
    f.append(5);
    long edited = f.idAt(f.one("SELECT count(*) FROM audit_log") - 2);
    f.superuser("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
    f.superuser("UPDATE audit_log SET after = '{\"quantity\": 1}' WHERE id = " + edited);
    f.superuser("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only");
    long before = heads();

    HttpResponse<Buffer> r = tryHead();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(409);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("audit_log_tampered");
    assertThat(r.bodyAsJsonObject().getJsonObject("params").getLong("firstBrokenId"))
        .isEqualTo(edited);
    assertThat(heads()).as("nothing signed").isEqualTo(before);

    JsonObject v = f.verifyApi();
    assertThat(v.getBoolean("intact")).isFalse();
    assertThat(v.getLong("firstBrokenId")).isEqualTo(edited);
    assertThat(f.problemCodes(v)).first().isEqualTo(Problem.ROW_CHANGED);
  }

  @Test
  @DisplayName("a row chained to a head a session wrote into the trigger's setting: reported")
  void headForgedInTheTriggersSetting() {
    // the trigger keeps the chain's head in a setting local to the transaction; a session with
    // database rights can write it itself before its own row: the row is accepted, the log is not
    f.append(3);
    f.head();
    f.superuser(
        "BEGIN; SELECT set_config('bangfu.audit_head', pg_current_xact_id()::text || ':'"
            + " || repeat('0', 64), true); INSERT INTO audit_log (actor, role, entity, entity_id,"
            + " action) VALUES ('t-admin', 'admin', 'need', 'forged', 'publish'); COMMIT");
    long forged = f.one("SELECT id FROM audit_log WHERE entity_id = 'forged'");
    long before = heads();

    HttpResponse<Buffer> r = tryHead();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(409);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("audit_log_tampered");
    assertThat(r.bodyAsJsonObject().getJsonObject("params").getLong("firstBrokenId"))
        .isEqualTo(forged);
    assertThat(heads()).as("nothing signed").isEqualTo(before);
    JsonObject v = f.verifyApi();
    assertThat(v.getBoolean("intact")).isFalse();
    assertThat(v.getLong("firstBrokenId")).isEqualTo(forged);
  }

  @Test
  @DisplayName("a row edited and every later hash recomputed after the last head: reported")
  void rewriteAfterTheLastHead() {
    f.append(600);
    JsonObject head = f.head();
    long size = head.getLong("size");
    long edited = f.idAt(400); // in the second tile of 256
    f.rewrite(edited);

    JsonObject v = f.verifyApi();
    assertThat(v.getBoolean("intact")).as(v.encodePrettily()).isFalse();
    assertThat(f.problemCodes(v)).contains(Problem.HISTORY_REWRITTEN, Problem.TILE);
    assertThat(f.problemCodes(v)).doesNotContain(Problem.ROW_CHANGED); // the chain is whole
    // narrowed down to the 256 records the change is in: records 257–512
    assertThat(v.getLong("firstBrokenId")).isEqualTo(f.idAt(257));
    assertThat(v.getLong("firstBrokenId")).isLessThanOrEqualTo(edited);

    LogFixture.Run cli = f.verifyAudit();
    assertThat(cli.exit()).as(cli.out()).isEqualTo(1);
    assertThat(cli.out())
        .startsWith("TAMPERED: the signed head of size " + size)
        .contains("records 257–512");
    assertThat(tryHead().statusCode()).as("no head over the rewritten log").isEqualTo(409);
  }

  @Test
  @DisplayName("the newest rows deleted together with the heads that cover them: a witness saw")
  void tailDeletedWithItsHeads() throws Exception {
    f.append(10);
    long kept = f.head().getLong("size");
    f.append(10);
    long covered = f.head().getLong("size"); // this node's witness cosigned it
    Path outside = f.dataDir.resolve("outside.json");
    assertThat(f.witness(outside).exit()).isZero();

    // delete the newest records and the head (and cosignatures) that cover them
    f.withTriggersOff(
        "DELETE FROM audit_log WHERE id > " + f.idAt(kept),
        "DELETE FROM audit_log_cosignatures WHERE tree_size > " + kept,
        "DELETE FROM audit_log_heads WHERE tree_size > " + kept);

    // the database agrees with itself …
    LogFixture.Run alone = f.verifyAudit("--no-local-witnesses");
    assertThat(alone.exit()).as(alone.out()).isZero();
    // … the witnesses do not
    LogFixture.Run local = f.verifyAudit();
    assertThat(local.exit()).as(local.out()).isEqualTo(1);
    assertThat(local.out())
        .contains("covers " + covered + " records, the log has only " + kept)
        .contains("newest records were deleted");
    LogFixture.Run theirs =
        f.verifyAudit("--no-local-witnesses", "--witness-state", outside.toString());
    assertThat(theirs.exit()).as(theirs.out()).isEqualTo(1);
    JsonObject v = f.verifyApi();
    assertThat(v.getBoolean("intact")).isFalse();
    assertThat(f.problemCodes(v)).contains(Problem.ROWS_DELETED);

    LogFixture.Run witness = f.witness(outside);
    assertThat(witness.exit()).as(witness.out()).isEqualTo(1);
    assertThat(witness.out()).contains("INCONSISTENT (smaller_tree)");
    assertThat(tryHead().statusCode()).as("the node's witness saw more").isEqualTo(409);
  }

  @Test
  @DisplayName("heads signed again with the stolen key over a changed history: a fork")
  void forkWithTheStolenKey() throws Exception {
    f.append(30);
    long size = f.head().getLong("size");
    Path outside = f.dataDir.resolve("outside.json");
    assertThat(f.witness(outside).exit()).isZero();

    // the thief rewrites a record, removes every head, cosignature and stored subtree, and signs
    // heads over the changed records with the real key: one of the same size, one larger
    f.rewrite(f.idAt(5));
    f.withTriggersOff(
        "DELETE FROM audit_log_cosignatures",
        "DELETE FROM audit_log_heads",
        "DELETE FROM audit_log_nodes");
    KeyPair stolen = LogFixture.auditKey();
    TreeHead same = f.forgeHead(stolen);
    assertThat(same.size()).isEqualTo(size);
    f.append(5);
    f.forgeHead(stolen);

    // without a witness the forgery holds up: every head verifies, the rows give their roots
    LogFixture.Run alone = f.verifyAudit("--no-local-witnesses");
    assertThat(alone.exit()).as(alone.out()).isZero();

    // the witness that saw the first history refuses the new one, with both heads
    LogFixture.Run witness = f.witness(outside);
    assertThat(witness.exit()).as(witness.out()).isEqualTo(1);
    assertThat(witness.out())
        .contains("INCONSISTENT (fork)")
        .contains("does not extend the head of size " + size);
    // verify-audit against that witness's state, and against this node's, reports the fork
    LogFixture.Run theirs =
        f.verifyAudit("--no-local-witnesses", "--witness-state", outside.toString());
    assertThat(theirs.exit()).as(theirs.out()).isEqualTo(1);
    assertThat(theirs.out()).startsWith("TAMPERED: the head of size " + size + " witness");
    JsonObject v = f.verifyApi();
    assertThat(v.getBoolean("intact")).isFalse();
    assertThat(f.problemCodes(v)).contains(Problem.FORK);
  }

  @Test
  @DisplayName("an earlier version's signed checkpoints still hold the log to what they saw")
  void earlierCheckpoints() throws Exception {
    f.append(12);
    long count = f.one("SELECT count(*) FROM audit_log");
    long lastId = f.idAt(count);
    String hash =
        f.app
            .pool()
            .query("SELECT hash FROM audit_log WHERE id = " + lastId)
            .execute()
            .await()
            .iterator()
            .next()
            .getString(0);
    String at = "2018-06-01T00:00:00Z";
    String statement =
        "bangfu audit checkpoint v1\ncount="
            + count
            + "\nlastId="
            + lastId
            + "\nhash="
            + hash
            + "\nat="
            + at;
    byte[] sig = Signatures.sign(LogFixture.auditKey().getPrivate(), statement);
    Path file = LegacyCheckpoints.file(f.dataDir);
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        new JsonObject()
                .put("count", count)
                .put("lastId", lastId)
                .put("hash", hash)
                .put("at", at)
                .put("signature", Base64.getEncoder().encodeToString(sig))
                .encode()
            + "\n");
    assertThat(f.verifyApi().getBoolean("intact")).isTrue();

    // rewritten after the checkpoint was signed and before any head covered it
    f.rewrite(f.idAt(count - 3));
    HttpResponse<Buffer> refused = tryHead();
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(409);
    JsonObject v = f.verifyApi();
    assertThat(f.problemCodes(v)).containsExactly(Problem.HISTORY_REWRITTEN);
    assertThat(v.getJsonArray("problems").getJsonObject(0).getString("message"))
        .startsWith("the checkpoint of " + count + " records");
    LogFixture.Run cli = f.verifyAudit();
    assertThat(cli.exit()).as(cli.out()).isEqualTo(1);
  }

  @Test
  @DisplayName("a new audit key signs new heads; the old heads stay verifiable under the old key")
  void keyRotation() throws Exception {
    f.append(5);
    TreeHead old = TreeHead.fromJson(f.head());
    KeyPair a = LogFixture.auditKey();
    Path outside = f.dataDir.resolve("outside.json");
    assertThat(f.witness(outside).exit()).isZero();

    // the operator gives the deployment a new key: a new head is signed with it
    KeyPair b = Keys.newAuditKey();
    f.app.clock().advance(Duration.ofHours(1));
    LogService rotated = f.logServiceWith(b);
    f.append(5);
    TreeHead fresh = rotated.take().await();
    assertThat(fresh.keyId()).isEqualTo(Signatures.keyId(b.getPublic()));

    var keys =
        f.app.get("/api/v1/public/audit-log/keys", null).bodyAsJsonObject().getJsonArray("items");
    assertThat(keys).hasSize(2);
    LogKey retired = LogKey.fromJson(keys.getJsonObject(0));
    LogKey current = LogKey.fromJson(keys.getJsonObject(1));
    assertThat(retired.keyId()).isEqualTo(Signatures.keyId(a.getPublic()));
    assertThat(retired.validUntil()).isNotNull();
    assertThat(current.validUntil()).isNull();
    assertThat(current.firstSize()).isEqualTo(fresh.size());

    // the old head verifies under the old key, the new under the new; both checks pass
    assertThat(old.signedBy(retired.key())).isTrue();
    assertThat(fresh.signedBy(current.key())).isTrue();
    assertThat(f.verifyApi().getBoolean("intact")).isTrue();
    LogFixture.Run cli =
        f.verifyAudit(
            "--public-key", Signatures.encode(a.getPublic()),
            "--public-key", Signatures.encode(b.getPublic()));
    assertThat(cli.exit()).as(cli.out()).isZero();
    LogFixture.Run witness = f.witness(outside);
    assertThat(witness.exit()).as(witness.out()).isZero();
    assertThat(witness.out()).contains("a key this witness had not seen: pinned");

    // the retired key signs no more: the server refuses it, a head forged with it is reported
    f.append(1);
    HttpResponse<Buffer> refused = f.app.post("/api/v1/audit-log/heads", Account.ADMIN, null);
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("audit_key_retired");
    f.app.clock().advance(Duration.ofHours(1));
    f.forgeHead(a);
    JsonObject v = f.verifyApi();
    assertThat(f.problemCodes(v)).containsExactly(Problem.HEAD_KEY);
    assertThat(v.getJsonArray("problems").getJsonObject(0).getString("message"))
        .contains("outside the key's time of use");
  }
}
