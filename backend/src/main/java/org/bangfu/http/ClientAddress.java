package org.bangfu.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bangfu.config.Cidr;

/**
 * Who sent a request, as far as anyone can tell: the address of the connection's peer, unless that
 * peer is one of the configured trusted proxies (BANGFU_TRUSTED_PROXIES); then the right-most
 * address of {@code X-Forwarded-For} that is not itself a trusted proxy. A client cannot choose its
 * address by sending the header: from anyone but a trusted proxy it is ignored. Sign-in limits,
 * objection and report limits key on this address.
 */
public final class ClientAddress implements Handler<RoutingContext> {
  static final String KEY = "bangfu.clientAddress";

  /** What an IP address literal may hold (anything else is never looked up). */
  private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

  private final List<Cidr> trusted;

  public ClientAddress(List<Cidr> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  @Override
  public void handle(RoutingContext ctx) {
    // with no trusted proxy the client is the peer, whatever the request says: nothing to work out
    // (of() answers the peer when nothing was put)
    if (!trusted.isEmpty()) {
      ctx.put(KEY, resolve(peer(ctx), ctx.request().headers().getAll("X-Forwarded-For")));
    }
    ctx.next();
  }

  /** The client's address, as the first handler of the router worked it out. */
  public static String of(RoutingContext ctx) {
    String known = ctx.get(KEY);
    return known != null ? known : peer(ctx);
  }

  /** Whether the request came straight from this machine, through no proxy. */
  public boolean isLocalUnproxied(RoutingContext ctx) {
    return isLocalUnproxied(peer(ctx), ctx.request().getHeader("X-Forwarded-For"));
  }

  /** A peer on this machine's loopback that forwarded nothing. */
  static boolean isLocalUnproxied(String peer, String forwardedFor) {
    return forwardedFor == null && parse(peer).map(a -> a.isLoopbackAddress()).orElse(false);
  }

  private static String peer(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null
        ? "unknown"
        : ctx.request().remoteAddress().hostAddress();
  }

  String resolve(String peer, List<String> forwardedHeaders) {
    if (!isTrusted(peer)) {
      return peer;
    }
    String client = peer;
    for (int h = forwardedHeaders.size() - 1; h >= 0; h--) {
      String[] hops = forwardedHeaders.get(h).split(",");
      for (int i = hops.length - 1; i >= 0; i--) {
        String hop = hops[i].strip();
        if (parse(hop).isEmpty()) {
          return client; // a hop we cannot read: trust nothing further left
        }
        client = hop;
        if (!isTrusted(hop)) {
          return hop;
        }
      }
    }
    return client;
  }

  private boolean isTrusted(String address) {
    return parse(address)
        .map(a -> trusted.stream().anyMatch(c -> c.contains(a.getAddress())))
        .orElse(false);
  }

  /** A literal IP address, or empty (nothing is ever looked up). */
  private static Optional<InetAddress> parse(String text) {
    if (text == null || text.length() > 45 || !LITERAL.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(text));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
