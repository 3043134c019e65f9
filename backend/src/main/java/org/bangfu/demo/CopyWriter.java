package org.bangfu.demo;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Rows into one table with {@code COPY ... FROM STDIN} (text format) over a JDBC connection: fields
 * are escaped as COPY's text format wants them, rows are buffered and sent in chunks of about a
 * megabyte. Used by the national data set's loader only (bulk, off the event loop).
 */
final class CopyWriter implements AutoCloseable {
  private static final int CHUNK = 1 << 20;
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'+00'").withZone(ZoneOffset.UTC);

  private final CopyIn copy;
  private final StringBuilder buf = new StringBuilder(CHUNK + 4096);
  private boolean first = true;
  private long rows;

  CopyWriter(CopyManager copyManager, String table, String columns) throws SQLException {
    this.copy = copyManager.copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
  }

  CopyWriter text(String s) {
    sep();
    if (s == null) {
      buf.append("\\N");
      return this;
    }
    escape(buf, s);
    return this;
  }

  CopyWriter num(long v) {
    sep();
    buf.append(v);
    return this;
  }

  CopyWriter bool(boolean v) {
    sep();
    buf.append(v ? 't' : 'f');
    return this;
  }

  CopyWriter nil() {
    sep();
    buf.append("\\N");
    return this;
  }

  /** A bytea in hex, as COPY's text format wants it ({@code \\x...}). */
  CopyWriter bytes(byte[] b) {
    sep();
    if (b == null) {
      buf.append("\\N");
      return this;
    }
    buf.append("\\\\x").append(HexFormat.of().formatHex(b));
    return this;
  }

  /** An epoch second as a UTC timestamptz; a negative value is NULL. */
  CopyWriter time(long epochSecond) {
    sep();
    if (epochSecond < 0) {
      buf.append("\\N");
    } else {
      buf.append(TIMESTAMP.format(Instant.ofEpochSecond(epochSecond)));
    }
    return this;
  }

  /** A text[] of simple words (no quotes, commas or braces in them). */
  CopyWriter array(String... words) {
    sep();
    buf.append('{');
    for (int i = 0; i < words.length; i++) {
      buf.append(i == 0 ? "" : ",").append(words[i]);
    }
    buf.append('}');
    return this;
  }

  /** A pre-formatted field, already in COPY's text format. */
  CopyWriter raw(String formatted) {
    sep();
    buf.append(formatted);
    return this;
  }

  CopyWriter end() throws SQLException {
    buf.append('\n');
    first = true;
    rows++;
    if (buf.length() >= CHUNK) {
      flush();
    }
    return this;
  }

  /** Appends whole rows formatted elsewhere (e.g. by worker threads), each ending in a newline. */
  void rows(CharSequence formatted, int count) throws SQLException {
    buf.append(formatted);
    rows += count;
    if (buf.length() >= CHUNK) {
      flush();
    }
  }

  long count() {
    return rows;
  }

  private void sep() {
    if (first) {
      first = false;
    } else {
      buf.append('\t');
    }
  }

  static void escape(StringBuilder out, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
  }

  private void flush() throws SQLException {
    byte[] b = buf.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(b, 0, b.length);
    buf.setLength(0);
  }

  @Override
  public void close() throws SQLException {
    if (!copy.isActive()) {
      return;
    }
    flush();
    copy.endCopy();
  }
}
