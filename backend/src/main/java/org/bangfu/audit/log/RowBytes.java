package org.bangfu.audit.log;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * One audit row as UTF-8 bytes, field by field, and the two encodings made from it — the one place
 * their rules are written (see {@link AuditRow} for what they are). Reused row after row by a check
 * that streams millions of them, so it hashes straight from the bytes PostgreSQL sent (COPY's text
 * format, {@link #copyLine}) without making strings.
 *
 * <p>The fields, in the order of the chain: {@code id, at, actor_id, actor, role, entity,
 * entity_id, action, before, after}, then the stored {@code prev_hash} and {@code hash} (hex).
 */
public final class RowBytes {

  public static final int ID = 0;
  public static final int AT = 1;
  public static final int ENTITY = 5;
  public static final int ENTITY_ID = 6;
  public static final int ACTION = 7;
  public static final int BEFORE = 8;
  public static final int AFTER = 9;
  public static final int CONTENT = 10;
  public static final int PREV = 10;
  public static final int HASH = 11;
  public static final int FIELDS = 12;

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] buf = new byte[1024];
  private final int[] from = new int[FIELDS];
  private final int[] to = new int[FIELDS];
  private byte[] leaf = new byte[256];

  /**
   * Reads one line of COPY's text format (fields separated by tabs, backslash escapes, {@code \N}
   * for NULL, a final newline) of the columns {@code id, at, actor_id, actor, role, entity,
   * entity_id, action, before, after, prev_hash, hash} as PostgreSQL prints them (the session in
   * UTC, ISO dates), and writes each field as the chain writes it: the time as {@code
   * YYYY-MM-DDTHH:MI:SS.USZ}, a missing actor id empty, missing JSON {@code null}.
   */
  public RowBytes copyLine(byte[] line) {
    ensure(line.length + 16);
    int f = 0;
    int n = 0;
    from[0] = 0;
    for (int i = 0; i < line.length; i++) {
      byte b = line[i];
      if (b == '\t' || b == '\n') {
        to[f] = n;
        if (b == '\n' || ++f == FIELDS) {
          break;
        }
        from[f] = n;
      } else if (b == '\\' && i + 1 < line.length && line[i + 1] == 'N' && n == from[f]) {
        i++;
        n = nullAs(f, n); // \N alone is NULL; an escaped backslash arrives as \\
      } else if (b == '\\' && i + 1 < line.length) {
        buf[n++] = unescape(line[++i]);
      } else {
        buf[n++] = b;
      }
    }
    if (f < FIELDS - 1) {
      throw new IllegalArgumentException("an audit row with " + (f + 1) + " fields");
    }
    chainTime();
    return this;
  }

  private int nullAs(int field, int n) {
    if (field == BEFORE || field == AFTER) {
      buf[n++] = 'n';
      buf[n++] = 'u';
      buf[n++] = 'l';
      buf[n++] = 'l';
    }
    return n; // a missing actor id is empty
  }

  /**
   * PostgreSQL's ISO time in UTC, {@code 2018-06-01 08:30:00.25+00} (no fraction when it is zero,
   * trailing zeros dropped), rewritten in place as the chain writes it: {@code
   * 2018-06-01T08:30:00.250000Z}.
   */
  private void chainTime() {
    int a = from[AT];
    int len = to[AT] - a;
    if (len < 22
        || buf[a + 10] != ' '
        || buf[a + len - 3] != '+'
        || buf[a + len - 2] != '0'
        || buf[a + len - 1] != '0') {
      throw new IllegalArgumentException(
          "a time not in UTC ISO form: " + new String(buf, a, len, StandardCharsets.UTF_8));
    }
    int fraction = len - 3 - 19; // '.' and digits, or nothing
    byte[] t = new byte[27];
    System.arraycopy(buf, a, t, 0, 19);
    t[10] = 'T';
    t[19] = '.';
    for (int i = 0; i < 6; i++) {
      t[20 + i] = i + 1 < fraction ? buf[a + 20 + i] : (byte) '0';
    }
    t[26] = 'Z';
    int shift = 27 - len;
    int end = to[FIELDS - 1];
    System.arraycopy(buf, a + len, buf, a + 27, end - (a + len));
    System.arraycopy(t, 0, buf, a, 27);
    to[AT] = a + 27;
    for (int f = AT + 1; f < FIELDS; f++) {
      from[f] += shift;
      to[f] += shift;
    }
  }

  private static byte unescape(byte c) {
    return switch (c) {
      case 'b' -> 8;
      case 'f' -> 12;
      case 'n' -> 10;
      case 'r' -> 13;
      case 't' -> 9;
      case 'v' -> 11;
      default -> c; // \\ and an escaped delimiter stand for themselves
    };
  }

  /** Sets the twelve fields from text (null is not allowed; the caller writes "" or "null"). */
  public RowBytes fields(String... values) {
    int n = 0;
    byte[][] parts = new byte[FIELDS][];
    for (int f = 0; f < FIELDS; f++) {
      parts[f] = values[f].getBytes(StandardCharsets.UTF_8);
      n += parts[f].length;
    }
    ensure(n);
    n = 0;
    for (int f = 0; f < FIELDS; f++) {
      from[f] = n;
      System.arraycopy(parts[f], 0, buf, n, parts[f].length);
      n += parts[f].length;
      to[f] = n;
    }
    return this;
  }

  private void ensure(int n) {
    if (buf.length < n) {
      buf = new byte[Math.max(n, buf.length * 2)];
    }
  }

  public long id() {
    long v = 0;
    for (int i = from[ID]; i < to[ID]; i++) {
      v = v * 10 + (buf[i] - '0');
    }
    return v;
  }

  public String text(int field) {
    return new String(buf, from[field], to[field] - from[field], StandardCharsets.UTF_8);
  }

  /** Whether a field holds these bytes (the stored hashes are compared as their hex text). */
  public boolean fieldEquals(int field, byte[] value) {
    return Arrays.equals(buf, from[field], to[field], value, 0, value.length);
  }

  /**
   * The row hash: SHA-256 of {@code prev|id|at|actor_id|actor|role|entity|entity_id|action|before|
   * after} (the rule of the database's {@code audit_log_row_hash}, V10), {@code prevHex} being the
   * row before's hash in hex ({@code genesis} for the first).
   */
  public byte[] chainDigest(MessageDigest sha, byte[] prevHex) {
    sha.update(prevHex);
    for (int f = 0; f < CONTENT; f++) {
      sha.update((byte) '|');
      sha.update(buf, from[f], to[f] - from[f]);
    }
    return sha.digest();
  }

  /**
   * The leaf: {@code uint8 1; uint64 id; opaque at<0..2^16-1>; opaque entity<..>; opaque
   * entity_id<..>; opaque action<..>; opaque row_hash[32]}. The array returned is reused by the
   * next call; its first {@link #leafLength} bytes are the leaf.
   */
  public byte[] leaf(byte[] rowHash) {
    int need = 9 + 8 + lengths() + rowHash.length;
    if (leaf.length < need) {
      leaf = new byte[need * 2];
    }
    int n = 0;
    leaf[n++] = (byte) AuditRow.LEAF_VERSION;
    long id = id();
    for (int shift = 56; shift >= 0; shift -= 8) {
      leaf[n++] = (byte) (id >>> shift);
    }
    for (int f : new int[] {AT, ENTITY, ENTITY_ID, ACTION}) {
      int len = Math.min(to[f] - from[f], 0xFFFF);
      leaf[n++] = (byte) (len >>> 8);
      leaf[n++] = (byte) len;
      System.arraycopy(buf, from[f], leaf, n, len);
      n += len;
    }
    System.arraycopy(rowHash, 0, leaf, n, rowHash.length);
    leafLength = n + rowHash.length;
    return leaf;
  }

  private int leafLength;

  public int leafLength() {
    return leafLength;
  }

  private int lengths() {
    return (to[AT] - from[AT])
        + (to[ENTITY] - from[ENTITY])
        + (to[ENTITY_ID] - from[ENTITY_ID])
        + (to[ACTION] - from[ACTION]);
  }

  /** The leaf's hash, RFC 9162: SHA-256(0x00 ‖ leaf). */
  public byte[] leafHash(MessageDigest sha, byte[] rowHash) {
    byte[] l = leaf(rowHash);
    sha.update((byte) 0);
    sha.update(l, 0, leafLength);
    return sha.digest();
  }

  /** A hash as lowercase hex, in ASCII bytes (as the rows store it). */
  public static byte[] hex(byte[] hash) {
    byte[] out = new byte[hash.length * 2];
    for (int i = 0; i < hash.length; i++) {
      out[2 * i] = HEX[(hash[i] >> 4) & 0xF];
      out[2 * i + 1] = HEX[hash[i] & 0xF];
    }
    return out;
  }
}
