package org.bangfu.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A network written as an address with an optional prefix length ({@code 10.0.0.0/8}, {@code
 * 127.0.0.1}, {@code ::1}): literal addresses only, never a host name (nothing is looked up).
 */
public record Cidr(byte[] network, int prefix) {

  public Cidr {
    network = network.clone();
  }

  /** Parses {@code text}; a bad one stops the start naming {@code variable}. */
  public static Cidr parse(String variable, String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    String address = slash < 0 ? t : t.substring(0, slash);
    if (!address.matches("[0-9a-fA-F:.]+") || !(address.contains(".") || address.contains(":"))) {
      throw new ConfigException(variable, "'" + text + "' is not an IP address or network");
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(address).getAddress(); // a literal: nothing is resolved
    } catch (UnknownHostException e) {
      throw new ConfigException(variable, "'" + text + "' is not an IP address or network");
    }
    int bits = bytes.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > bits) {
        throw new ConfigException(variable, "'" + text + "' has a bad prefix length");
      }
    }
    return new Cidr(bytes, prefix);
  }

  /** Whether {@code address} (as its bytes) lies in this network. */
  public boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    if (!Arrays.equals(address, 0, full, network, 0, full)) {
      return false;
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xff << (8 - rest) & 0xff;
    return (address[full] & mask) == (network[full] & mask);
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefix;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
    } catch (UnknownHostException e) {
      return "?/" + prefix;
    }
  }
}
