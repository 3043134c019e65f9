package org.bangfu.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks the audit trail in a database against signed checkpoints kept outside it. Blocking (JDBC):
 * run by the {@code verify-audit} command, never on an event loop.
 *
 * <p>Each checkpoint's signature is checked with the public key; then the rows are read in id
 * order, each row's hash recomputed here (SHA-256 over the previous hash and the row, the rule of
 * the database's {@code audit_log_row_hash}, without calling it) and, at each checkpoint's last
 * row, the number of rows so far and the stored hash compared with the checkpoint. So:
 *
 * <ul>
 *   <li>a row changed (or deleted) without recomputing the hashes breaks the chain at that row;
 *   <li>a row changed and every later hash recomputed leaves a valid chain, but the hash at the
 *       next checkpoint's row no longer matches;
 *   <li>the newest rows deleted leave a trail shorter than a checkpoint says.
 * </ul>
 *
 * Rows after the newest checkpoint are only covered by the chain until the next checkpoint.
 */
public final class AuditTrailCheck {

  /**
   * What the check found: {@code problems} in trail order, the first being where tampering shows
   * first; empty when intact.
   */
  public record Finding(
      long rows,
      long lastId,
      int checkpoints,
      AuditCheckpoint newestMatched,
      List<String> problems) {
    public boolean intact() {
      return problems.isEmpty();
    }
  }

  private AuditTrailCheck() {}

  public static Finding check(Connection c, List<AuditCheckpoint> checkpoints, PublicKey key)
      throws SQLException {
    List<String> problems = new ArrayList<>();
    List<Numbered> valid = new ArrayList<>();
    for (int i = 0; i < checkpoints.size(); i++) {
      AuditCheckpoint cp = checkpoints.get(i);
      if (cp.signedBy(key)) {
        valid.add(new Numbered(i + 1, cp));
      } else {
        problems.add(
            name(i + 1, cp)
                + ": its signature does not match the public key (the checkpoint "
                + "was altered or was not signed with this deployment's key)");
      }
    }
    valid.sort(
        Comparator.comparingLong((Numbered n) -> n.cp().lastId())
            .thenComparingLong(n -> n.cp().count()));

    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false); // lets the driver stream the rows
    String prev = "genesis";
    long n = 0;
    long lastId = 0;
    long previousCheckpointRow = 0;
    AuditCheckpoint newest = null;
    boolean chainBroken = false;
    int k = 0;
    try (PreparedStatement q = c.prepareStatement(AuditRepository.CHAIN)) {
      q.setFetchSize(1000);
      // checkpoints of an empty trail match any trail
      while (k < valid.size()
          && valid.get(k).cp().lastId() == 0
          && valid.get(k).cp().count() == 0) {
        newest = valid.get(k++).cp();
      }
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong("id");
          String stored = rs.getString("hash");
          n++;
          while (k < valid.size() && valid.get(k).cp().lastId() < id) {
            Numbered m = valid.get(k++);
            problems.add(
                name(m.n(), m.cp())
                    + ": its last row "
                    + m.cp().lastId()
                    + " is no longer in the trail (rows were deleted)");
          }
          String computed =
              HexFormat.of()
                  .formatHex(
                      sha.digest(
                          (prev + "|" + rs.getString("payload")).getBytes(StandardCharsets.UTF_8)));
          if (!chainBroken
              && (!computed.equals(stored) || !prev.equals(rs.getString("prev_hash")))) {
            chainBroken = true;
            problems.add(
                "row "
                    + id
                    + ": its hash does not match its content and the row before it "
                    + "(changed, or a row before it deleted, without recomputing the hashes)");
          }
          while (k < valid.size() && valid.get(k).cp().lastId() == id) {
            Numbered m = valid.get(k++);
            if (m.cp().count() != n) {
              problems.add(
                  name(m.n(), m.cp())
                      + ": the trail has "
                      + n
                      + " rows up to row "
                      + id
                      + ", the checkpoint says "
                      + m.cp().count()
                      + " (rows were deleted or inserted before it)");
            } else if (!m.cp().hash().equals(stored)) {
              problems.add(
                  name(m.n(), m.cp())
                      + ": row "
                      + id
                      + " has hash "
                      + stored
                      + ", the checkpoint says "
                      + m.cp().hash()
                      + " (a row after row "
                      + previousCheckpointRow
                      + " and up to row "
                      + id
                      + " was changed and the later hashes recomputed)");
            } else {
              newest = m.cp();
            }
            previousCheckpointRow = id;
          }
          prev = stored;
          lastId = id;
        }
      }
    } finally {
      c.rollback();
      c.setAutoCommit(autoCommit);
    }
    while (k < valid.size()) {
      Numbered m = valid.get(k++);
      problems.add(
          name(m.n(), m.cp())
              + ": it covers "
              + m.cp().count()
              + " rows up to row "
              + m.cp().lastId()
              + ", but the trail ends at row "
              + lastId
              + " with "
              + n
              + " rows (the newest rows were deleted)");
    }
    return new Finding(n, lastId, checkpoints.size(), newest, problems);
  }

  private record Numbered(int n, AuditCheckpoint cp) {}

  private static String name(int n, AuditCheckpoint cp) {
    return "checkpoint #" + n + " (" + cp.at() + ", " + cp.count() + " rows)";
  }
}
