package org.bangfu.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Security headers on every response (API, web app, health, errors), set before anything else
 * handles the request.
 *
 * <p>The Content-Security-Policy is the one the web app passes: its scripts are the built modules
 * under {@code /assets} ('self', no inline script and no eval: vue-i18n compiles messages without
 * it); Element Plus sets inline styles, so styles allow 'unsafe-inline'; images and the receipt
 * evidence a reviewer views are {@code data:} and {@code blob:} URLs. No framing at all
 * (frame-ancestors and X-Frame-Options), no referrer. HSTS only when the request came over TLS,
 * directly or through a proxy that says so ({@code X-Forwarded-Proto: https}): over plain HTTP it
 * would mean nothing, and on localhost it would pin a developer's browser to HTTPS.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {

  static final String CSP =
      String.join(
          "; ",
          "default-src 'self'",
          "script-src 'self'",
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data: blob:",
          "font-src 'self' data:",
          "connect-src 'self'",
          "object-src 'self' blob:",
          "base-uri 'self'",
          "form-action 'self'",
          "frame-ancestors 'none'");
  static final String HSTS = "max-age=31536000; includeSubDomains";

  /**
   * The names and values above as bytes made once: every response writes them, and a header kept as
   * ASCII bytes is copied to the connection whole instead of character by character.
   */
  private static final CharSequence[] ALWAYS = {
    optimized("Content-Security-Policy"), optimized(CSP),
    optimized("X-Frame-Options"), optimized("DENY"),
    optimized("X-Content-Type-Options"), optimized("nosniff"),
    optimized("Referrer-Policy"), optimized("no-referrer"),
    optimized("Cross-Origin-Opener-Policy"), optimized("same-origin"),
    optimized("Permissions-Policy"), optimized("camera=(), microphone=(), geolocation=()")
  };

  private static final CharSequence HSTS_NAME = optimized("Strict-Transport-Security");
  private static final CharSequence HSTS_VALUE = optimized(HSTS);

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap h = ctx.response().headers();
    for (int i = 0; i < ALWAYS.length; i += 2) {
      h.set(ALWAYS[i], ALWAYS[i + 1]);
    }
    // the connection's own TLS: the router's request (a wrapper) works out its scheme, host and
    // authority from the forwarding headers the first time it is asked, which no request needs
    // here (forwarding headers are not trusted by the router, and X-Forwarded-Proto is read below)
    if (ctx.request().connection().isSsl() || "https".equalsIgnoreCase(forwardedProto(ctx))) {
      h.set(HSTS_NAME, HSTS_VALUE);
    }
    ctx.next();
  }

  private static CharSequence optimized(String ascii) {
    return HttpHeaders.createOptimized(ascii);
  }

  private static String forwardedProto(RoutingContext ctx) {
    String v = ctx.request().getHeader("X-Forwarded-Proto");
    if (v == null) {
      return null;
    }
    int comma = v.indexOf(',');
    return (comma < 0 ? v : v.substring(0, comma)).trim();
  }
}
