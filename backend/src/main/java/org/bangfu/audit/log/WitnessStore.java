package org.bangfu.audit.log;

import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Where a node keeps its witness: {@code BANGFU_DATA_DIR/witness/<node name>/}, outside the
 * database, with the node's witness key ({@code witness-ed25519.key}) and one state file per log it
 * watches (a database reset makes a new log, which starts a new file rather than look like a fork
 * of the old one). Nodes that share a data directory keep apart by their names. Blocking.
 */
public final class WitnessStore {

  /** One store per directory in a process, so that its checks run one after the other. */
  private static final Map<Path, WitnessStore> OPEN = new ConcurrentHashMap<>();

  private final Path dir;
  private final String name;
  private volatile KeyPair key;
  private Future<?> tail = Future.succeededFuture();

  private WitnessStore(Path dir, String name) {
    this.dir = dir;
    this.name = name;
  }

  public static WitnessStore of(Path dataDir, String nodeName) {
    Path dir = dataDir.resolve("witness").resolve(safe(nodeName)).toAbsolutePath().normalize();
    return OPEN.computeIfAbsent(dir, d -> new WitnessStore(d, nodeName));
  }

  /**
   * Runs {@code work} after every check this store began before it has ended: a witness reads its
   * state, checks and writes it back, and two checks at once could put an older head back.
   */
  public synchronized <T> Future<T> serially(Supplier<Future<T>> work) {
    Future<T> next = tail.transform(previous -> work.get());
    tail = next;
    return next;
  }

  public String name() {
    return name;
  }

  public Path stateFile(String origin) {
    return dir.resolve(safe(origin) + ".json");
  }

  public Optional<WitnessState> state(String origin) throws IOException {
    return WitnessFiles.read(stateFile(origin));
  }

  public void save(WitnessState state) throws IOException {
    WitnessFiles.write(stateFile(state.origin()), state);
  }

  public KeyPair key() throws IOException {
    if (key == null) {
      key = WitnessFiles.key(dir.resolve("witness-ed25519.key"));
    }
    return key;
  }

  private static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
