package org.bangfu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.impl.meters.LongGauges;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The HTTP server's request meters kept per method and status: /metrics shows what Vert.x's own
 * metrics show (names, descriptions, tags, counts), and a request no longer looks its meters up.
 */
@DisplayName("The HTTP server's request meters")
class RequestMetersTest {

  /** The options Main gives Vert.x. */
  private static VertxOptions options() {
    return new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
  }

  @Test
  @DisplayName("/metrics shows the same HTTP server meters, tags and counts as Vert.x's own")
  void sameAsTheLibrary() {
    PrometheusMeterRegistry library = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PrometheusMeterRegistry kept = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    List<String> fromLibrary = served(new MicrometerMetricsFactory(library), library);
    List<String> fromKept = served(RequestMeters.factory(kept), kept);
    assertThat(fromLibrary)
        .anyMatch(
            l -> l.startsWith("vertx_http_server_requests_total{code=\"404\",method=\"GET\"} 2"))
        .anyMatch(l -> l.startsWith("vertx_http_server_active_requests{method=\"POST\"} 0"))
        .anyMatch(l -> l.startsWith("vertx_http_server_request_bytes_count{method=\"POST\"} 3"));
    assertThat(fromKept).containsExactlyInAnyOrderElementsOf(fromLibrary);
  }

  /**
   * The HTTP server's lines of /metrics after the same requests (5 GETs answered 200, 2 answered
   * 404, 3 POSTs with a body answered 201), timings left out.
   */
  private static List<String> served(
      VertxMetricsFactory metrics, PrometheusMeterRegistry registry) {
    Vertx vertx = Vertx.builder().with(options()).withMetrics(metrics).build();
    Vertx outside = Vertx.vertx();
    try {
      HttpServer server =
          vertx
              .createHttpServer()
              .requestHandler(
                  req -> {
                    if (req.method() == HttpMethod.POST) {
                      req.body()
                          .onSuccess(
                              b -> req.response().setStatusCode(201).end("got " + b.length()));
                    } else if (req.path().equals("/ok")) {
                      req.response().end("a need's page");
                    } else {
                      req.response().setStatusCode(404).end();
                    }
                  })
              .listen(0, "127.0.0.1")
              .await();
      WebClient client = WebClient.create(outside);
      int port = server.actualPort();
      for (int i = 0; i < 5; i++) {
        client.get(port, "127.0.0.1", "/ok").send().await();
      }
      for (int i = 0; i < 2; i++) {
        client.get(port, "127.0.0.1", "/missing").send().await();
      }
      for (int i = 0; i < 3; i++) {
        client
            .post(port, "127.0.0.1", "/echo")
            .sendBuffer(Buffer.buffer("x".repeat(100 + i)))
            .await();
      }
      client.close();
      // the last response's meters are written right after its bytes
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return registry
          .scrape()
          .lines()
          .filter(l -> l.contains("vertx_http_server_"))
          .filter(l -> !l.matches("vertx_http_server_response_time_seconds_(sum|max)\\{.*"))
          .toList();
    } finally {
      vertx.close().await();
      outside.close().await();
    }
  }

  @Test
  @DisplayName("a request's meters are looked up once per method and status, not per request")
  void lookedUpOnce() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RequestMeters.Lookup found =
        RequestMeters.registryLookup(
            registry,
            new MicrometerMetricsOptions().getMetricsNaming().withBaseName("vertx.http.server."),
            new LongGauges(new ConcurrentHashMap<>()),
            EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE));
    AtomicInteger lookups = new AtomicInteger();
    RequestMeters.Lookup counted =
        new RequestMeters.Lookup() {
          @Override
          public RequestMeters.ByMethod method(String method) {
            lookups.incrementAndGet();
            return found.method(method);
          }

          @Override
          public RequestMeters.ByStatus status(RequestMeters.ByMethod method, int status) {
            lookups.incrementAndGet();
            return found.status(method, status);
          }
        };
    RequestMeters meters = new RequestMeters(new HttpServerMetrics<>() {}, counted, true);
    for (int i = 0; i < 100; i++) {
      RequestMeters.Request r = meters.requestBegin(null, get());
      meters.requestEnd(r, get(), 0);
      meters.responseEnd(r, ok(), 600);
    }
    assertThat(lookups).hasValue(2);
    assertThat(registry.get("vertx.http.server.requests").tag("code", "200").counter().count())
        .isEqualTo(100);
    assertThat(registry.get("vertx.http.server.active.requests").gauge().value()).isZero();
  }

  private static HttpRequest get() {
    return new HttpRequest() {
      @Override
      public int id() {
        return 0;
      }

      @Override
      public String uri() {
        return "/api/v1/needs/1";
      }

      @Override
      public String absoluteURI() {
        return "http://127.0.0.1/api/v1/needs/1";
      }

      @Override
      public HttpMethod method() {
        return HttpMethod.GET;
      }

      @Override
      public MultiMap headers() {
        return MultiMap.caseInsensitiveMultiMap();
      }

      @Override
      public SocketAddress remoteAddress() {
        return null;
      }
    };
  }

  private static HttpResponse ok() {
    return new HttpResponse() {
      @Override
      public int statusCode() {
        return 200;
      }

      @Override
      public MultiMap headers() {
        return MultiMap.caseInsensitiveMultiMap();
      }
    };
  }
}
