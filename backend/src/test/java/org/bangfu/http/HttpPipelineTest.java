package org.bangfu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.impl.Http1xServerConnection;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a connection's answers pass through: the server serves no WebSocket, so its connections
 * carry no WebSocket extension handler (Vert.x adds one while WebSocket compression is on, and it
 * looked at every request and every answer of the single-row GET).
 */
@DisplayName("The HTTP server's connection pipeline")
class HttpPipelineTest {

  @Test
  @DisplayName("a connection has the HTTP codec and no WebSocket extension handler")
  void noWebSocketExtensions() {
    Vertx vertx = Vertx.vertx();
    try {
      List<String> handlers = new CopyOnWriteArrayList<>();
      HttpServer server =
          vertx
              .createHttpServer(HttpVerticle.serverOptions())
              .connectionHandler(
                  c ->
                      handlers.addAll(
                          ((Http1xServerConnection) c).channelHandlerContext().pipeline().names()))
              .requestHandler(req -> req.response().end("ok"))
              .listen(0, "127.0.0.1")
              .await();
      WebClient client = WebClient.create(vertx);
      assertThat(client.get(server.actualPort(), "127.0.0.1", "/").send().await().bodyAsString())
          .isEqualTo("ok");
      client.close();
      assertThat(handlers).contains("httpDecoder", "httpEncoder", "handler");
      assertThat(handlers).doesNotContain("webSocketExtensionHandler");
    } finally {
      vertx.close().await();
    }
  }
}
