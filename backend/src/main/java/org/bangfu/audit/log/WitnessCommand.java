package org.bangfu.audit.log;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code java -jar bangfu.jar witness --log URL --state FILE [--key FILE] [--name NAME] [--log-key
 * BASE64] [--no-cosign]} (what {@code scripts/witness} runs): a witness anyone can run against the
 * public API, remembering in FILE the last head it accepted. It fetches the latest signed head, the
 * log's keys and a consistency proof from its last head, decides as every node's witness does
 * ({@link Witness}) and, when the head extends what it saw, cosigns it and hands the cosignature to
 * the log to publish. Prints what it checked. Exit code 0: consistent; 1: the log showed another
 * history (a fork, a smaller tree, a bad signature), with both heads printed; 2: bad usage, or the
 * log could not be asked.
 */
public final class WitnessCommand {

  public static final String USAGE =
      "usage: witness --log https://bangfu.example --state FILE [--key FILE] [--name NAME]"
          + " [--log-key BASE64] [--no-cosign]";

  private WitnessCommand() {}

  private static final class Usage extends Exception {
    Usage(String message) {
      super(message);
    }
  }

  private record Options(
      String log, Path state, Path key, String name, String logKey, boolean cosign) {}

  public static int run(List<String> args, Clock clock, PrintStream out, PrintStream err) {
    try {
      Options o = parse(args);
      if (o == null) {
        out.println(USAGE);
        return 0;
      }
      return new Run(o, clock, out).run();
    } catch (Usage ex) {
      err.println("witness: " + ex.getMessage());
      err.println(USAGE);
      return 2;
    } catch (IOException | RuntimeException ex) {
      err.println("witness: cannot check: " + ex.getMessage());
      return 2;
    }
  }

  private static Options parse(List<String> args) throws Usage {
    Map<String, String> v = new LinkedHashMap<>();
    boolean cosign = true;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--log", "--state", "--key", "--name", "--log-key" -> {
          if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
            throw new Usage(a + " needs a value");
          }
          v.put(a, args.get(++i));
        }
        case "--no-cosign" -> cosign = false;
        case "--help", "-h" -> {
          return null;
        }
        default -> throw new Usage("unknown argument '" + a + "'");
      }
    }
    if (!v.containsKey("--log") || !v.containsKey("--state")) {
      throw new Usage("--log and --state are required");
    }
    String log = v.get("--log").replaceAll("/+$", "");
    if (!log.matches("https?://.+")) {
      throw new Usage("--log must be the server's address, http(s)://…");
    }
    Path state = Path.of(v.get("--state"));
    Path key = v.containsKey("--key") ? Path.of(v.get("--key")) : Path.of(state + ".key");
    return new Options(
        log, state, key, v.getOrDefault("--name", "witness"), v.get("--log-key"), cosign);
  }

  /** One run: ask, decide, remember, cosign. */
  private static final class Run {
    private final Options o;
    private final Clock clock;
    private final PrintStream out;
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    Run(Options o, Clock clock, PrintStream out) {
      this.o = o;
      this.clock = clock;
      this.out = out;
    }

    int run() throws IOException, Usage {
      KeyPair key = WitnessFiles.key(o.key());
      out.println(
          "witness "
              + o.name()
              + ": key "
              + Signatures.keyId(key.getPublic())
              + ", public key "
              + Signatures.encode(key.getPublic()));
      Optional<WitnessState> kept = WitnessFiles.read(o.state());
      JsonObject latest = get("/heads/latest", true);
      if (latest == null) {
        return noHead(kept);
      }
      TreeHead head = TreeHead.fromJson(latest);
      if (kept.isEmpty() && o.logKey() != null) {
        String given = Signatures.keyId(Signatures.publicKey(o.logKey()));
        if (!given.equals(head.keyId())) {
          out.println(
              "INCONSISTENT (unknown_key): the log's head is signed with key "
                  + head.keyId()
                  + ", not with the key given ("
                  + given
                  + ")");
          return 1;
        }
      }
      WitnessState state = kept.orElseGet(() -> firstState(head));
      List<LogKey> keys = keys();
      List<byte[]> proof = proof(state, head);
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      Witness.Decision d = Witness.check(state, head, proof, keys, now);
      WitnessFiles.write(o.state(), d.next());
      out.println("log " + head.origin() + " at " + o.log());
      if (!d.accepted()) {
        return refused(state, head, d);
      }
      out.println(
          "checked: the head's signature (key "
              + head.keyId()
              + ")"
              + (d.newKey() ? ", a key this witness had not seen: pinned" : ""));
      out.println("checked: " + d.message());
      out.println("remembered in " + o.state());
      if (o.cosign()) {
        cosign(head, key, now);
      }
      return 0;
    }

    private WitnessState firstState(TreeHead head) {
      WitnessState s = WitnessState.empty(head.origin());
      if (o.logKey() == null) {
        return s;
      }
      PublicKey k = Signatures.publicKey(o.logKey());
      return new WitnessState(
          head.origin(), null, Map.of(Signatures.keyId(k), Signatures.encode(k)), null, null);
    }

    private int noHead(Optional<WitnessState> kept) {
      if (kept.isPresent() && kept.get().head() != null) {
        TreeHead last = kept.get().head();
        out.println(
            "INCONSISTENT: the log has no signed head any more; this witness saw one of "
                + last.size()
                + " records (root "
                + last.rootHex()
                + ", "
                + last.time()
                + ")");
        return 1;
      }
      out.println("the log has signed no head yet: nothing to witness");
      return 0;
    }

    private int refused(WitnessState state, TreeHead head, Witness.Decision d) {
      out.println("INCONSISTENT (" + d.reason() + "): " + d.message());
      TreeHead last = state.head();
      if (last != null) {
        out.println("  this witness saw: " + last.toJson().put("cosignatures", null).encode());
      }
      out.println("  the log now shows: " + head.withCosignatures(List.of()).toJson().encode());
      out.println(
          "  both are signed statements: keep them as evidence (also in " + o.state() + ")");
      return 1;
    }

    private List<LogKey> keys() throws IOException, Usage {
      List<LogKey> out = new ArrayList<>();
      JsonArray items = get("/keys", false).getJsonArray("items", new JsonArray());
      for (int i = 0; i < items.size(); i++) {
        out.add(LogKey.fromJson(items.getJsonObject(i)));
      }
      return out;
    }

    private List<byte[]> proof(WitnessState state, TreeHead head) throws IOException, Usage {
      TreeHead last = state.head();
      if (last == null || last.size() >= head.size() || !last.origin().equals(head.origin())) {
        return List.of();
      }
      JsonObject p =
          get("/proof/consistency?first=" + last.size() + "&second=" + head.size(), false);
      List<byte[]> out = new ArrayList<>();
      p.getJsonArray("proof", new JsonArray())
          .forEach(h -> out.add(HexFormat.of().parseHex((String) h)));
      return out;
    }

    private void cosign(TreeHead head, KeyPair key, Instant now) throws IOException {
      Cosignature c = Cosignature.sign(head, o.name(), key.getPublic(), key.getPrivate(), now);
      HttpResponse<String> r =
          send(
              HttpRequest.newBuilder(uri("/heads/" + head.size() + "/cosignatures"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(c.toJson().encode())));
      if (r.statusCode() == 201) {
        out.println("cosigned the head of size " + head.size() + "; the log publishes it");
      } else if (r.statusCode() == 403) {
        out.println(
            "cosigned, but the log does not take this witness's cosignatures: ask an"
                + " admin to register it (POST /api/v1/audit-log/witnesses with the name and the"
                + " public key above)");
      } else {
        out.println("cosigned, but the log answered " + r.statusCode() + ": " + r.body());
      }
    }

    /** A public log endpoint's JSON; null for a 404 when {@code missingIsNull}. */
    private JsonObject get(String path, boolean missingIsNull) throws IOException, Usage {
      HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).GET());
      if (r.statusCode() == 404 && missingIsNull) {
        return null;
      }
      if (r.statusCode() != 200) {
        throw new Usage(uri(path) + " answered " + r.statusCode());
      }
      return new JsonObject(r.body());
    }

    private URI uri(String path) {
      return URI.create(o.log() + "/api/v1/public/audit-log" + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws IOException {
      try {
        return http.send(
            b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted");
      }
    }
  }
}
