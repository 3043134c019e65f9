package org.bangfu.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
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

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap h = ctx.response().headers();
    h.set("Content-Security-Policy", CSP);
    h.set("X-Frame-Options", "DENY");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (ctx.request().isSSL() || "https".equalsIgnoreCase(forwardedProto(ctx))) {
      h.set("Strict-Transport-Security", HSTS);
    }
    ctx.next();
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
