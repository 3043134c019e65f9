package org.bangfu.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bangfu.config.Cidr;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Which address a request counts as, without a server: the peer unless it is a trusted proxy, then
 * the right-most forwarded hop that is not one; and what counts as this machine.
 */
@DisplayName("The client's address behind trusted proxies")
class ClientAddressRulesTest {
  static final ClientAddress BEHIND_PROXIES =
      new ClientAddress(
          List.of(Cidr.parse("BANGFU_TRUSTED_PROXIES", "10.0.0.0/8"), Cidr.parse("X", "::1")));

  @Test
  @DisplayName("an untrusted peer is the client, whatever it forwards")
  void untrustedPeer() {
    assertThat(BEHIND_PROXIES.resolve("203.0.113.9", List.of("198.51.100.1")))
        .isEqualTo("203.0.113.9");
    assertThat(new ClientAddress(List.of()).resolve("10.0.0.5", List.of("198.51.100.1")))
        .isEqualTo("10.0.0.5");
  }

  @Test
  @DisplayName("behind trusted proxies: the right-most hop that is not one of them")
  void rightMostUntrustedHop() {
    assertThat(BEHIND_PROXIES.resolve("10.0.0.5", List.of("198.51.100.1, 203.0.113.7")))
        .isEqualTo("203.0.113.7");
    assertThat(BEHIND_PROXIES.resolve("10.0.0.5", List.of("198.51.100.1, 203.0.113.7, 10.1.2.3")))
        .isEqualTo("203.0.113.7");
    // several headers: the last one is the nearest
    assertThat(BEHIND_PROXIES.resolve("10.0.0.5", List.of("198.51.100.1", "10.9.9.9")))
        .isEqualTo("198.51.100.1");
    // nothing forwarded, or only proxies: the left-most proxy is as far as anyone can tell
    assertThat(BEHIND_PROXIES.resolve("10.0.0.5", List.of())).isEqualTo("10.0.0.5");
    assertThat(BEHIND_PROXIES.resolve("10.0.0.5", List.of("10.0.0.7, 10.0.0.6")))
        .isEqualTo("10.0.0.7");
  }

  @Test
  @DisplayName("a hop that is not an address stops the walk: nothing left of it is believed")
  void unreadableHop() {
    assertThat(BEHIND_PROXIES.resolve("10.0.0.5", List.of("198.51.100.1, example.org, 10.0.0.6")))
        .isEqualTo("10.0.0.6");
    assertThat(BEHIND_PROXIES.resolve("10.0.0.5", List.of("198.51.100.1, unknown")))
        .isEqualTo("10.0.0.5");
    // the longest IPv6 text (45 characters) is an address; anything longer is not
    String longest = "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255";
    assertThat(longest).hasSize(45);
    assertThat(BEHIND_PROXIES.resolve("10.0.0.5", List.of(longest))).isEqualTo(longest);
    assertThat(BEHIND_PROXIES.resolve("10.0.0.5", List.of("0" + longest))).isEqualTo("10.0.0.5");
  }

  @Test
  @DisplayName("this machine: a loopback peer that forwarded nothing")
  void localUnproxied() {
    assertThat(ClientAddress.isLocalUnproxied("127.0.0.1", null)).isTrue();
    assertThat(ClientAddress.isLocalUnproxied("::1", null)).isTrue();
    assertThat(ClientAddress.isLocalUnproxied("127.0.0.1", "203.0.113.9")).isFalse();
    assertThat(ClientAddress.isLocalUnproxied("192.0.2.10", null)).isFalse();
    assertThat(ClientAddress.isLocalUnproxied("unknown", null)).isFalse();
  }
}
