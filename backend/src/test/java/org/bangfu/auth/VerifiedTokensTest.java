package org.bangfu.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A token verified once is answered again without the full check only while that check would
 * certainly accept it; a forged or altered token is never answered from what was kept.
 */
@DisplayName("Tokens verified before on this node")
class VerifiedTokensTest {
  static Vertx vertx;
  static TokenService tokens;

  static final CurrentUser DONOR = new CurrentUser(7, "t-donor", Role.DONOR, null, null, 1L);

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    tokens = TokenService.create(vertx, "a-secret-of-at-least-thirty-two-characters", 3600);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  @DisplayName("the same token again: the same user and version, the user object not built again")
  void again() {
    String token = tokens.issue(DONOR, 3).token();
    TokenService.Verified first = tokens.verifyWithVersion(token).await();
    TokenService.Verified second = tokens.verifyWithVersion(token).await();
    assertThat(first.user()).isEqualTo(DONOR);
    assertThat(first.tokenVersion()).isEqualTo(3);
    assertThat(second).isSameAs(first);
  }

  @Test
  @DisplayName(
      "a token with its signature or its claims altered is refused, also after the real one")
  void forged() {
    String token = tokens.issue(DONOR, 0).token();
    tokens.verifyWithVersion(token).await();
    String[] parts = token.split("\\.");
    String otherSignature = parts[0] + "." + parts[1] + "." + flip(parts[2]);
    String otherClaims = parts[0] + "." + flip(parts[1]) + "." + parts[2];
    for (String forged : new String[] {otherSignature, otherClaims, otherSignature}) {
      assertThatThrownBy(() -> tokens.verifyWithVersion(forged).await())
          .as("forged token %s", forged)
          .isInstanceOf(Exception.class);
    }
  }

  @Test
  @DisplayName("kept until just before its expiry and from its issue time only, then checked again")
  void onlyWhileCertainlyValid() {
    AtomicLong now = new AtomicLong(1_000_000_000_000L);
    VerifiedTokens kept = new VerifiedTokens(now::get);
    Instant expires = Instant.ofEpochMilli(now.get() + 60_000);
    TokenService.Verified v = new TokenService.Verified(DONOR, 0, expires);
    kept.remember("t", v, now.get() / 1000);

    assertThat(kept.get("t")).isSameAs(v);
    assertThat(kept.get("another")).isNull();
    now.set(expires.toEpochMilli() - 1);
    assertThat(kept.get("t")).isSameAs(v);
    now.set(expires.toEpochMilli());
    assertThat(kept.get("t")).as("at its expiry the library decides").isNull();
    assertThat(kept.size()).as("an expired token is let go").isZero();

    // issued "in the future" (the clock went back): the library decides
    kept.remember("later", v, (expires.toEpochMilli() + 1000) / 1000);
    now.set(expires.toEpochMilli() - 30_000);
    assertThat(kept.get("later")).isNull();
  }

  @Test
  @DisplayName("never more than its bound: when full it starts again")
  void bounded() {
    VerifiedTokens kept = new VerifiedTokens(() -> 0);
    TokenService.Verified v = new TokenService.Verified(DONOR, 0, Instant.ofEpochSecond(3600));
    for (int i = 0; i < VerifiedTokens.MAX_ENTRIES + 10; i++) {
      kept.remember("t" + i, v, 0L);
    }
    assertThat(kept.size()).isLessThanOrEqualTo(VerifiedTokens.MAX_ENTRIES);
  }

  /** The text with its middle character changed to another base64url character. */
  private static String flip(String part) {
    int i = part.length() / 2;
    char c = part.charAt(i) == 'A' ? 'B' : 'A';
    return part.substring(0, i) + c + part.substring(i + 1);
  }
}
