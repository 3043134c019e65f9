package org.bangfu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bangfu.testing.TestApp;
import org.bangfu.testing.TestFixture.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HTTP: security headers, caching, body limits and slow clients")
class SecurityHeadersTest {

  static TestApp app;

  /**
   * The slow-client timeouts this server runs with: shorter than the defaults (10 s and 20 s) so
   * that waiting them out costs the build seconds, not half a minute; what is tested is that they
   * hold, whatever their length.
   */
  static final long HEADER_TIMEOUT_MS = 4_000;

  static final long BODY_TIMEOUT_MS = 5_000;

  @BeforeAll
  static void start() {
    app =
        TestApp.start(
            TestApp.Data.FIXTURE,
            Map.of(
                "BANGFU_HEADER_TIMEOUT_SECONDS", String.valueOf(HEADER_TIMEOUT_MS / 1000),
                "BANGFU_BODY_TIMEOUT_SECONDS", String.valueOf(BODY_TIMEOUT_MS / 1000)));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static void assertSecurityHeaders(HttpResponse<Buffer> r) {
    String csp = r.getHeader("Content-Security-Policy");
    assertThat(csp)
        .contains(
            "default-src 'self'",
            "script-src 'self'",
            "frame-ancestors 'none'",
            "img-src 'self' data: blob:");
    assertThat(csp).doesNotContain("unsafe-eval");
    assertThat(csp.split("script-src")[1].split(";")[0]).doesNotContain("unsafe-inline");
    assertThat(r.getHeader("X-Frame-Options")).isEqualTo("DENY");
    assertThat(r.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  @DisplayName("every kind of response carries the security headers; HSTS only behind TLS")
  void headersEverywhere() {
    HttpResponse<Buffer> index = app.get("/", null);
    assertThat(index.statusCode()).isEqualTo(200);
    for (String path :
        List.of(
            "/",
            "/needs/12",
            "/api/v1/regions",
            "/api/v1/no-such-thing",
            "/health/live",
            "/api/v1/me")) {
      HttpResponse<Buffer> r = app.get(path, null);
      assertSecurityHeaders(r);
      assertThat(r.getHeader("Strict-Transport-Security")).as(path).isNull();
    }
    HttpResponse<Buffer> behindTls =
        app.client().get("/api/v1/regions").putHeader("X-Forwarded-Proto", "https").send().await();
    assertThat(behindTls.getHeader("Strict-Transport-Security")).startsWith("max-age=");
  }

  @Test
  @DisplayName(
      "index.html is revalidated every time; the hashed assets it names are immutable for a year")
  void caching() {
    HttpResponse<Buffer> index = app.get("/", null);
    assertThat(index.getHeader("Cache-Control")).isEqualTo("no-cache");
    assertThat(app.get("/index.html", null).getHeader("Cache-Control")).isEqualTo("no-cache");
    assertThat(app.get("/campaigns", null).getHeader("Cache-Control")).isEqualTo("no-cache");
    Matcher m = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index.bodyAsString());
    assertThat(m.find()).as("index.html names its script").isTrue();
    HttpResponse<Buffer> asset = app.get(m.group(1), null);
    assertThat(asset.statusCode()).isEqualTo(200);
    assertThat(asset.getHeader("Cache-Control")).contains("immutable").contains("max-age=31536000");
    assertSecurityHeaders(asset);
    // the API is never cached
    assertThat(app.get("/api/v1/me", Account.DONOR).getHeader("Cache-Control"))
        .isEqualTo("no-store");
  }

  /**
   * Sends raw bytes and returns the first line of the answer (or "closed"), waiting at most {@code
   * waitMs}.
   */
  static String raw(String head, byte[] bodyPart, int waitMs) throws Exception {
    try (Socket s = new Socket("127.0.0.1", app.port())) {
      s.setSoTimeout(waitMs);
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(bodyPart);
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        line.append((char) c);
      }
      return line.isEmpty() ? "closed" : line.toString().trim();
    }
  }

  @Test
  @DisplayName(
      "a 31 MB body to sign-in is refused 413 from its length, unread; 64 KB is the limit but for receipts")
  void bodyLimits() throws Exception {
    long t0 = System.nanoTime();
    String answer =
        raw(
            "POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + (31 * 1024 * 1024)
                + "\r\n\r\n",
            "{\"username\":\"big-body\",\"password\":\"".getBytes(StandardCharsets.UTF_8),
            5000);
    assertThat(answer).startsWith("HTTP/1.1 413");
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000);
    // nothing was parsed: no sign-in attempt was counted for that name
    assertThat(
            app.pool()
                .query("SELECT count(*) FROM login_throttle WHERE key = 'big-body'")
                .execute()
                .await()
                .iterator()
                .next()
                .getLong(0))
        .isZero();

    String justOver = "{\"username\":\"" + "x".repeat(64 * 1024) + "\",\"password\":\"p\"}";
    assertThat(
            app.call(HttpMethod.POST, "/api/v1/auth/login", (String) null, Buffer.buffer(justOver))
                .statusCode())
        .isEqualTo(413);
    // the receipt upload keeps its 32 MB: a 100 KB body is read (and answered on its merits)
    String receipt =
        new JsonObject().put("note", "收到").put("padding", "x".repeat(100 * 1024)).encode();
    HttpResponse<Buffer> upload =
        app.call(
            HttpMethod.POST,
            "/api/v1/allocations/999999/receive",
            app.token(Account.SECRETARY),
            Buffer.buffer(receipt));
    assertThat(upload.statusCode()).isNotEqualTo(413).isBetween(400, 499);
    // … but not for someone without a token: refused before the body is read
    String anonymous =
        raw(
            "POST /api/v1/allocations/1/receive HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: "
                + (20 * 1024 * 1024)
                + "\r\n\r\n",
            new byte[0],
            5000);
    assertThat(anonymous).startsWith("HTTP/1.1 401");
  }

  @Test
  @DisplayName("connections that send nothing, headers a byte at a time, or half a body are closed")
  void slowClientsAreClosed() throws Exception {
    List<Socket> idle = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Socket s = new Socket("127.0.0.1", app.port());
      s.setSoTimeout((int) (HEADER_TIMEOUT_MS + 5000));
      idle.add(s);
    }
    Socket drip = new Socket("127.0.0.1", app.port());
    drip.setSoTimeout(1000);
    Socket halfBody = new Socket("127.0.0.1", app.port());
    halfBody.setSoTimeout((int) (BODY_TIMEOUT_MS + 5000));
    halfBody
        .getOutputStream()
        .write(
            ("POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"username\":")
                .getBytes(StandardCharsets.UTF_8));

    long t0 = System.nanoTime();
    // headers one byte every half second: never complete within the header timeout
    byte[] head =
        "GET /api/v1/regions HTTP/1.1\r\nHost: localhost\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    boolean dripClosed = false;
    for (int i = 0; i < head.length && !dripClosed; i++) {
      try {
        drip.getOutputStream().write(head[i]);
        drip.getOutputStream().flush();
        dripClosed = drip.getInputStream().read() == -1;
      } catch (SocketTimeoutException stillOpen) {
        // the server holds the connection for now
      } catch (java.io.IOException reset) {
        dripClosed = true;
      }
    }
    assertThat(dripClosed).as("headers sent a byte at a time are cut off").isTrue();
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(HEADER_TIMEOUT_MS + 5000);

    for (Socket s : idle) {
      assertThat(s.getInputStream().read()).as("an idle connection is closed").isEqualTo(-1);
      s.close();
    }
    byte[] answer = halfBody.getInputStream().readNBytes(12);
    assertThat(new String(answer, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 408");
    halfBody.close();
    drip.close();
  }

  @Test
  @DisplayName(
      "a kept-alive connection has the header timeout from its last answer, not from its opening")
  void keptAliveConnectionsIdleFromTheirLastAnswer() throws Exception {
    long timeout = HEADER_TIMEOUT_MS;
    try (Socket s = new Socket("127.0.0.1", app.port())) {
      InputStream in = s.getInputStream();
      long opened = System.nanoTime();
      // wait 60 % of the timeout (nothing comes), ask, and again: the second question arrives after
      // the timeout counted from the opening, and is answered
      for (int i = 0; i < 2; i++) {
        s.setSoTimeout((int) (timeout * 6 / 10));
        assertThat(readOrTimeout(in)).as("the connection is still open").isEqualTo(-2);
        answered(s, in);
      }
      assertThat((System.nanoTime() - opened) / 1_000_000).isGreaterThan(timeout);
      // then idle: closed after the timeout
      s.setSoTimeout((int) timeout + 5000);
      assertThat(in.read()).as("an idle kept-alive connection is closed").isEqualTo(-1);
    }
  }

  /** A byte, -1 at the end of the stream, -2 when nothing came within the socket's timeout. */
  private static int readOrTimeout(InputStream in) throws java.io.IOException {
    try {
      return in.read();
    } catch (SocketTimeoutException nothing) {
      return -2;
    }
  }

  /** One GET on the kept-alive connection, its whole answer read. */
  private static void answered(Socket s, InputStream in) throws Exception {
    s.setSoTimeout(5000);
    s.getOutputStream()
        .write(
            "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      head.append((char) in.read());
    }
    assertThat(head.toString()).startsWith("HTTP/1.1 200");
    Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
    assertThat(length.find()).as(head.toString()).isTrue();
    in.readNBytes(Integer.parseInt(length.group(1)));
  }
}
