package org.bangfu.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bangfu.Main;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server as a process of its own ({@code Main serve}, embedded PostgreSQL), killed and
 * stopped.
 */
@DisplayName("The server after kill -9, and under SIGTERM")
class ServerCrashTest {

  record Server(Process process, BufferedReader out) {}

  static Server serve(Path dataDir, int port) throws Exception {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                cp,
                Main.class.getName(),
                "serve")
            .redirectErrorStream(true);
    pb.environment().remove("DATABASE_URL");
    pb.environment().put("BANGFU_DATA_DIR", dataDir.toString());
    pb.environment().put("BANGFU_PORT", Integer.toString(port));
    pb.environment().put("BANGFU_HOST", "127.0.0.1");
    pb.environment().put("BANGFU_DEMO_DATA", "off");
    pb.environment().put("BANGFU_HTTP_INSTANCES", "1");
    Process p = pb.start();
    return new Server(
        p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
  }

  /** Reads the server's output until it says it runs; false if it ended or took too long. */
  static boolean running(Server s, Duration max) throws Exception {
    long deadline = System.nanoTime() + max.toNanos();
    String line;
    while (System.nanoTime() < deadline && (line = s.out().readLine()) != null) {
      if (line.contains("Bangfu is running at")) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (s.out().readLine() != null) {
                      // keep the pipe flowing
                    }
                  } catch (java.io.IOException ignored) {
                    // gone
                  }
                });
        drain.setDaemon(true);
        drain.start();
        return true;
      }
    }
    return false;
  }

  static int ready(int port) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  @DisplayName(
      "kill -9: the next start is ready the first time; SIGTERM: gone within 10 s, PostgreSQL with it")
  void crashThenStop(@TempDir Path dir) throws Exception {
    int port = freePort();
    Server first = serve(dir, port);
    assertThat(running(first, Duration.ofSeconds(150))).as("first start").isTrue();
    assertThat(ready(port)).isEqualTo(200);
    first.process().destroyForcibly().waitFor();

    Server second = serve(dir, port);
    assertThat(running(second, Duration.ofSeconds(150)))
        .as("the start after kill -9 works the first time")
        .isTrue();
    assertThat(second.process().isAlive()).isTrue();
    assertThat(ready(port)).isEqualTo(200);
    long postmaster = EmbeddedDatabase.runningPostmaster(dir.resolve("pg")).orElseThrow().pid();

    long t0 = System.nanoTime();
    second.process().destroy(); // SIGTERM
    assertThat(second.process().waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s").isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ProcessHandle.of(postmaster).isPresent() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(ProcessHandle.of(postmaster))
        .as("the embedded PostgreSQL stopped with it")
        .isEmpty();
  }
}
