package org.bangfu.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.bangfu.testing.TestFixture;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The log as anyone outside sees it: signed heads with their cosignatures, proofs that verify
 * against them with nothing but the RFC's algorithms, a notice's records and their proofs, a
 * witness run from the command line, and the auditor's check.
 */
@DisplayName("Transparency log: heads, proofs, witnesses, as the public sees them")
class TransparencyLogTest {

  LogFixture f;

  @BeforeEach
  void start() throws Exception {
    f = new LogFixture();
  }

  @AfterEach
  void stop() {
    f.close();
  }

  static JsonObject ok(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  static TreeHead head(JsonObject j) {
    return TreeHead.fromJson(j);
  }

  @Test
  @DisplayName("heads are signed, cosigned by the node, and every proof verifies against them")
  void headsAndProofs() {
    f.append(300); // more than one tile of 256 records
    TreeHead first = head(f.head());
    f.append(41);
    TreeHead second = head(f.head());
    assertThat(second.size()).isEqualTo(first.size() + 41);

    // the latest head, its signature under the published key, the node's cosignature
    TreeHead latest = head(ok(f.app.get("/api/v1/public/audit-log/heads/latest", null)));
    assertThat(latest.rootHex()).isEqualTo(second.rootHex());
    JsonArray keys = ok(f.app.get("/api/v1/public/audit-log/keys", null)).getJsonArray("items");
    PublicKey key = Signatures.publicKey(keys.getJsonObject(0).getString("publicKey"));
    assertThat(latest.signedBy(key)).isTrue();
    assertThat(latest.cosignatures()).extracting(Cosignature::name).containsExactly("bangfu");
    assertThat(latest.cosignatures().get(0).valid(latest)).isTrue();
    assertThat(ok(f.app.get("/api/v1/public/audit-log/heads?size=10", null)).getLong("total"))
        .isGreaterThanOrEqualTo(2);

    // inclusion: the first record, one in the second tile, the last, against both heads
    for (long n : new long[] {1, 257, second.size()}) {
      long id = f.idAt(n);
      JsonObject p = ok(f.app.get("/api/v1/public/audit-log/proof/inclusion?id=" + id, null));
      assertThat(p.getLong("index")).isEqualTo(n - 1);
      assertThat(
              Merkle.verifyInclusion(
                  p.getLong("index"),
                  p.getLong("treeSize"),
                  LogFixture.unhex(p.getString("leafHash")),
                  LogFixture.hashes(p.getJsonArray("path")),
                  second.root()))
          .as("record " + id + " in the latest head")
          .isTrue();
      if (n <= first.size()) {
        JsonObject old =
            ok(
                f.app.get(
                    "/api/v1/public/audit-log/proof/inclusion?id=" + id + "&size=" + first.size(),
                    null));
        assertThat(
                Merkle.verifyInclusion(
                    old.getLong("index"),
                    first.size(),
                    LogFixture.unhex(old.getString("leafHash")),
                    LogFixture.hashes(old.getJsonArray("path")),
                    first.root()))
            .isTrue();
      }
    }

    // consistency: the second head extends the first, and the tree of any earlier size
    for (long from : new long[] {first.size(), 1, 256, 257}) {
      JsonObject c =
          ok(
              f.app.get(
                  "/api/v1/public/audit-log/proof/consistency?first="
                      + from
                      + "&second="
                      + second.size(),
                  null));
      assertThat(
              Merkle.verifyConsistency(
                  from,
                  second.size(),
                  f.rootOf(from),
                  second.root(),
                  LogFixture.hashes(c.getJsonArray("proof"))))
          .as("consistency " + from + " → " + second.size())
          .isTrue();
    }
    assertThat(f.rootOf(first.size())).isEqualTo(first.root());

    // a record after the latest head is not covered yet
    f.append(1);
    HttpResponse<Buffer> later =
        f.app.get("/api/v1/public/audit-log/proof/inclusion?id=" + f.idAt(second.size() + 1), null);
    assertThat(later.statusCode()).isEqualTo(409);
    assertThat(later.bodyAsJsonObject().getString("error")).isEqualTo("audit_record_not_covered");

    // the auditor's check and verify-audit agree: intact, witnessed by this node
    JsonObject v = f.verifyApi();
    assertThat(v.getBoolean("intact")).as(v.encodePrettily()).isTrue();
    assertThat(v.getLong("checked")).isEqualTo(second.size() + 1);
    assertThat(v.getLong("latestWitnessedSize")).isEqualTo(second.size());
    assertThat(v.getJsonArray("latestWitnessedBy")).contains("bangfu");
    LogFixture.Run cli = f.verifyAudit();
    assertThat(cli.exit()).as(cli.out()).isZero();
    assertThat(cli.out()).startsWith("intact: " + (second.size() + 1) + " records");
  }

  @Test
  @DisplayName("a notice's QR code leads to its records, each proved in the latest head")
  void noticeProofs() {
    long allocation = 424242;
    long notice =
        f.one(
            "INSERT INTO notices (kind, subject_type, subject_id, region_id, title, published_at,"
                + " window_ends_at) VALUES ('allocation_verified', 'allocation', '"
                + allocation
                + "', '"
                + TestFixture.VILLAGE
                + "', '验收公示', now(), now() + interval '10 days')"
                + " RETURNING id");
    for (String action : List.of("propose", "confirm", "verify")) {
      f.superuser(
          "INSERT INTO audit_log (actor, role, entity, entity_id, action, after) VALUES"
              + " ('t-donor', 'donor', 'allocation', '"
              + allocation
              + "', '"
              + action
              + "',"
              + " '{\"status\": \""
              + action
              + "\"}')");
    }
    f.superuser(
        "INSERT INTO audit_log (actor, role, entity, entity_id, action) VALUES"
            + " ('system', 'system', 'notice', '"
            + notice
            + "', 'published')");
    f.append(3);
    TreeHead head = head(f.head());

    JsonObject proofs = ok(f.app.get("/api/v1/public/audit-log/notices/" + notice, null));
    JsonArray records = proofs.getJsonArray("records");
    assertThat(records.stream().map(o -> ((JsonObject) o).getString("action")).toList())
        .containsExactly("propose", "confirm", "verify", "published");
    for (Object o : records) {
      JsonObject r = (JsonObject) o;
      assertThat(r.getBoolean("covered")).isTrue();
      assertThat(r.containsKey("after")).as("never the record's content").isFalse();
      // the leaf's bytes are given: anyone hashes them and follows the path to the signed root
      byte[] leaf = Base64.getDecoder().decode(r.getString("leaf"));
      assertThat(
              Merkle.verifyInclusion(
                  r.getLong("index"),
                  head.size(),
                  Merkle.leafHash(leaf),
                  LogFixture.hashes(r.getJsonArray("path")),
                  head.root()))
          .isTrue();
    }
    assertThat(f.app.get("/api/v1/public/audit-log/notices/999999", null).statusCode())
        .isEqualTo(404);
  }

  @Test
  @DisplayName("a witness run by anyone: first sight, consistent growth, cosigned once registered")
  void commandLineWitness() throws Exception {
    Path state = f.dataDir.resolve("outside-witness.json");
    f.append(5);
    f.head();
    LogFixture.Run first = f.witness(state, "--name", "审计局");
    assertThat(first.exit()).as(first.out()).isZero();
    assertThat(first.out()).contains("first head seen").contains("ask an admin to register");

    // an admin registers its key: the next run's cosignature is published with the head
    String publicKey = Signatures.encode(WitnessFiles.key(Path.of(state + ".key")).getPublic());
    HttpResponse<Buffer> reg =
        f.app.post(
            "/api/v1/audit-log/witnesses",
            Account.ADMIN,
            new JsonObject().put("name", "审计局").put("publicKey", publicKey));
    assertThat(reg.statusCode()).as(reg.bodyAsString()).isEqualTo(201);
    f.append(7);
    TreeHead grown = head(f.head());
    LogFixture.Run second = f.witness(state, "--name", "审计局");
    assertThat(second.exit()).as(second.out()).isZero();
    assertThat(second.out()).contains("consistent: size").contains("cosigned the head of size");
    TreeHead published =
        head(ok(f.app.get("/api/v1/public/audit-log/heads/" + grown.size(), null)));
    assertThat(published.cosignatures()).extracting(Cosignature::name).contains("审计局", "bangfu");

    // a key given on the command line must be the log's
    KeyPair other = org.bangfu.keys.Keys.newAuditKey();
    LogFixture.Run pinned =
        f.witness(
            f.dataDir.resolve("pinned.json"), "--log-key", Signatures.encode(other.getPublic()));
    assertThat(pinned.exit()).as(pinned.out()).isEqualTo(1);
  }

  @Test
  @DisplayName("cosignatures: only a registered witness's, only when they verify")
  void cosignatureSubmission() throws Exception {
    f.append(3);
    TreeHead head = head(f.head());
    KeyPair w = org.bangfu.keys.Keys.newAuditKey();
    Cosignature c = Cosignature.sign(head, "x", w.getPublic(), w.getPrivate(), Instant.now());
    String path = "/api/v1/public/audit-log/heads/" + head.size() + "/cosignatures";
    HttpResponse<Buffer> unregistered = f.app.post(path, null, c.toJson());
    assertThat(unregistered.statusCode()).isEqualTo(403);
    assertThat(unregistered.bodyAsJsonObject().getString("error"))
        .isEqualTo("witness_not_registered");
    f.app.post(
        "/api/v1/audit-log/witnesses",
        Account.ADMIN,
        new JsonObject().put("name", "乡镇纪委").put("publicKey", Signatures.encode(w.getPublic())));
    Cosignature forged =
        new Cosignature("x", c.keyId(), c.publicKey(), c.timeMillis() + 1, c.signature());
    HttpResponse<Buffer> bad = f.app.post(path, null, forged.toJson());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsString()).contains("cosignature_invalid");
    assertThat(
            f.app
                .post("/api/v1/public/audit-log/heads/999999/cosignatures", null, c.toJson())
                .statusCode())
        .isEqualTo(404);
    HttpResponse<Buffer> good = f.app.post(path, null, c.toJson());
    assertThat(good.statusCode()).as(good.bodyAsString()).isEqualTo(201);
    assertThat(head(good.bodyAsJsonObject()).cosignatures())
        .extracting(Cosignature::name)
        .contains("乡镇纪委");
  }

  @Test
  @DisplayName("bad usage of verify-audit and witness is exit code 2")
  void badUsage() {
    assertThat(f.verifyAudit("--frobnicate").exit()).isEqualTo(2);
    assertThat(f.verifyAudit("--witness-state", f.dataDir.resolve("none.json").toString()).exit())
        .isEqualTo(2);
    assertThat(
            LogFixture.command(
                    (o, e) -> WitnessCommand.run(List.of("--state", "x"), f.app.clock(), o, e))
                .exit())
        .isEqualTo(2);
    assertThat(
            LogFixture.command(
                    (o, e) ->
                        WitnessCommand.run(
                            List.of("--log", "nowhere", "--state", "x"), f.app.clock(), o, e))
                .exit())
        .isEqualTo(2);
  }
}
