package org.bangfu.events;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * Publishes events on the (clustered) event bus, after the change they tell of has committed: every
 * HTTP verticle of every node receives them and pushes each to the browsers allowed to see it
 * ({@link EventStream}). Losing an event costs a screen a refresh, never data: screens reload what
 * they show from the API when told, and PostgreSQL stays the truth.
 */
public final class Events {
  /** The event-bus address every node's streams listen on. */
  public static final String ADDRESS = "bangfu.events";

  private Events() {}

  public static void publish(Vertx vertx, Event event) {
    vertx.eventBus().publish(ADDRESS, event.toJson());
  }

  /**
   * Publishes to this node's streams only: for a change every node hears of by itself (a database
   * notice), which would otherwise reach each browser once per node.
   */
  public static void publishHere(Vertx vertx, Event event) {
    vertx.eventBus().publish(ADDRESS, event.toJson(), new DeliveryOptions().setLocalOnly(true));
  }
}
