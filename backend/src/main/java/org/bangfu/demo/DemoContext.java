package org.bangfu.demo;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the demo sections share while loading: a seeded random (the same data every time), the ids
 * earlier sections created, and the accounts to print at the end.
 */
public final class DemoContext {

  /** The demo password of every demo account (printed at start-up and in the README). */
  public static final String DEMO_PASSWORD = "bangfu2018";

  public record Account(String username, String role, String what) {}

  private final Vertx vertx;
  private final Random random = new Random(20181017L); // the national poverty alleviation day
  private final Map<String, Object> shared = new HashMap<>();
  private final List<Account> accounts = new ArrayList<>();
  private String demoPasswordHash;

  public DemoContext(Vertx vertx) {
    this.vertx = vertx;
  }

  public Vertx vertx() {
    return vertx;
  }

  public Random random() {
    return random;
  }

  /** Something an earlier section made, e.g. {@code ids("donors.enterprise")}. */
  @SuppressWarnings("unchecked")
  public <T> T get(String key) {
    T v = (T) shared.get(key);
    if (v == null) {
      throw new IllegalStateException("no demo value " + key + " (section order?)");
    }
    return v;
  }

  public void put(String key, Object value) {
    shared.put(key, value);
  }

  public void addAccount(String username, String role, String what) {
    accounts.add(new Account(username, role, what));
  }

  public List<Account> accounts() {
    return List.copyOf(accounts);
  }

  /** One hash of {@link #DEMO_PASSWORD}, computed once (off the event loop) and reused. */
  public String demoPasswordHash() {
    return demoPasswordHash;
  }

  void demoPasswordHash(String hash) {
    this.demoPasswordHash = hash;
  }
}
