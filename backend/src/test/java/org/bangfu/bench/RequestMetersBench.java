package org.bangfu.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.lang.management.ManagementFactory;
import org.bangfu.http.RequestMeters;

/**
 * The processor time per request of the HTTP server's meters (not a test: surefire does not run
 * it): Vert.x's own {@code VertxHttpServerMetrics} against {@link RequestMeters}, each called as a
 * request's way through the server calls them (begin, two routes, end, bytes read, the answer's
 * end, bytes written), a million times a round on this thread, by the thread's processor clock.
 *
 * <pre>
 * java -cp … org.bangfu.bench.RequestMetersBench
 * </pre>
 */
public final class RequestMetersBench {
  static final HttpRequest REQ =
      new HttpRequest() {
        public int id() {
          return 0;
        }

        public String uri() {
          return "/api/v1/needs/12345";
        }

        public String absoluteURI() {
          return "http://127.0.0.1/api/v1/needs/12345";
        }

        public HttpMethod method() {
          return HttpMethod.GET;
        }

        public MultiMap headers() {
          return null;
        }

        public SocketAddress remoteAddress() {
          return null;
        }
      };
  static final HttpResponse RESP =
      new HttpResponse() {
        public int statusCode() {
          return 200;
        }

        public MultiMap headers() {
          return null;
        }
      };

  @SuppressWarnings({"unchecked", "rawtypes"})
  static double run(HttpServerMetrics m, int n) {
    Object socket = m.connected(SocketAddress.inetSocketAddress(40000, "127.0.0.1"), null);
    var bean = ManagementFactory.getThreadMXBean();
    long t0 = bean.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      Object r = m.requestBegin(socket, REQ);
      m.requestRouted(r, "/api/v1/*");
      m.requestRouted(r, "/needs/:id");
      m.requestEnd(r, REQ, 0);
      m.bytesRead(socket, null, 180);
      m.responseEnd(r, RESP, 800);
      m.bytesWritten(socket, null, 800);
    }
    return (bean.getCurrentThreadCpuTime() - t0) / (double) n;
  }

  public static void main(String[] args) {
    VertxOptions options =
        new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
    HttpServerOptions http = new HttpServerOptions();
    SocketAddress local = SocketAddress.inetSocketAddress(8080, "127.0.0.1");
    HttpServerMetrics<?, ?, ?> library =
        new MicrometerMetricsFactory(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
            .metrics(options)
            .createHttpServerMetrics(http, local);
    HttpServerMetrics<?, ?, ?> kept =
        RequestMeters.factory(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
            .metrics(options)
            .createHttpServerMetrics(http, local);
    System.out.println(library.getClass() + " / " + kept.getClass());
    for (int round = 0; round < 6; round++) {
      double a = run(library, 1_000_000);
      double b = run(kept, 1_000_000);
      System.out.printf("round %d: library %.0f ns/request, kept %.0f ns/request%n", round, a, b);
    }
  }
}
