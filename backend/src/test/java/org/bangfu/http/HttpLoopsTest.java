package org.bangfu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bangfu.auth.TokenHandler;
import org.bangfu.config.SlowClientConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each HTTP verticle serves its connections on an event loop of its own, also when other contexts
 * were made while they were deployed (at the start, the audit log's verification makes them): with
 * both on one loop, that loop served every request and the other, with its share of the database
 * connections, idled.
 */
@DisplayName("The HTTP verticles serve on event loops of their own")
class HttpLoopsTest {

  @Test
  @DisplayName("two verticles on two loops answer on two threads, whatever contexts came between")
  void twoLoops() throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    Vertx outside = Vertx.vertx();
    try {
      int port;
      try (ServerSocket free = new ServerSocket(0)) {
        port = free.getLocalPort();
      }
      // a route that answers with the thread that serves it
      RouteModule thread =
          api ->
              api.get("/thread")
                  .handler(
                      ctx ->
                          Responses.ok(
                              ctx,
                              new JsonObject().put("thread", Thread.currentThread().getName())));
      HttpVerticle.Api api =
          new HttpVerticle.Api(
              port,
              "127.0.0.1",
              null,
              new TokenHandler(null, null),
              new ClientAddress(List.of()),
              Optional.empty(),
              SlowClientConfig.defaults(),
              List.of(thread));
      // the two instances deployed with another context made between them (as the start's work
      // makes them): it moves Vert.x's loop counter, so the second instance's context is on the
      // first one's loop
      VertxInternal internal = (VertxInternal) vertx;
      vertx.deployVerticle(new HttpVerticle(api, null, 0)).await();
      internal.contextBuilder().build();
      vertx.deployVerticle(new HttpVerticle(api, null, 1)).await();

      // connections are handed to the servers in turn: four of them reach both
      Set<String> threads = new HashSet<>();
      List<WebClient> clients = new CopyOnWriteArrayList<>();
      for (int i = 0; i < 4; i++) {
        // a client of its own: a connection of its own
        WebClient client = WebClient.create(outside);
        clients.add(client);
        threads.add(
            client
                .get(port, "127.0.0.1", "/api/v1/thread")
                .send()
                .await()
                .bodyAsJsonObject()
                .getString("thread"));
      }
      assertThat(threads).as("the threads that answered").hasSize(2);
      clients.forEach(WebClient::close);
    } finally {
      outside.close().await();
      vertx.close().await();
    }
  }
}
