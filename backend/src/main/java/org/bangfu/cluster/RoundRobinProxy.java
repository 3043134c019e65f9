package org.bangfu.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small round-robin HTTP proxy for trying several nodes on one machine ({@code scripts/cluster}):
 * each request goes to the next node; a node that refuses the connection is skipped and the request
 * tried on the next (a request whose body was already sent is answered 502 instead). Bodies and
 * answers are streamed, so Server-Sent Events pass through. Not for production: there, use nginx or
 * HAProxy (docs/operations.md).
 */
public final class RoundRobinProxy {
  private static final Logger LOG = LoggerFactory.getLogger(RoundRobinProxy.class);

  private final List<Integer> ports;
  private final HttpClient client;
  private final AtomicInteger next = new AtomicInteger();

  public RoundRobinProxy(Vertx vertx, List<Integer> ports) {
    if (ports.isEmpty()) {
      throw new IllegalArgumentException("the proxy needs at least one node's port");
    }
    this.ports = List.copyOf(ports);
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2000));
  }

  public static Future<HttpServer> start(Vertx vertx, int port, List<Integer> nodePorts) {
    RoundRobinProxy proxy = new RoundRobinProxy(vertx, nodePorts);
    return vertx.createHttpServer().requestHandler(proxy::forward).listen(port, "127.0.0.1");
  }

  private void forward(HttpServerRequest in) {
    in.pause();
    attempt(in, next.getAndIncrement(), ports.size());
  }

  private void attempt(HttpServerRequest in, int turn, int triesLeft) {
    int port = ports.get(Math.floorMod(turn, ports.size()));
    RequestOptions options =
        new RequestOptions()
            .setMethod(in.method())
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI(in.uri())
            .setHeaders(in.headers());
    client
        .request(options)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                if (triesLeft > 1) {
                  attempt(in, turn + 1, triesLeft - 1);
                } else {
                  LOG.warn("no node answers: {}", ar.cause().toString());
                  in.response().setStatusCode(502).end();
                }
                return;
              }
              var out = ar.result();
              out.putHeader(
                  "X-Forwarded-For",
                  in.remoteAddress() == null ? "" : in.remoteAddress().hostAddress());
              out.send(in)
                  .onSuccess(
                      answer -> {
                        var response = in.response().setStatusCode(answer.statusCode());
                        response.headers().setAll(answer.headers());
                        response.headers().set("X-Bangfu-Node-Port", String.valueOf(port));
                        answer.pipeTo(response);
                      })
                  .onFailure(
                      e -> {
                        if (!in.response().headWritten()) {
                          in.response().setStatusCode(502).end();
                        }
                      });
            });
  }
}
