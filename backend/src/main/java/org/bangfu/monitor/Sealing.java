package org.bangfu.monitor;

/**
 * The field names the personal data of monitoring is sealed and digested under. The ID number's
 * digest is the register's own ({@code household.idNumber}): the blind index that matches a
 * warning, a self-report or a cadre's lead to a registered household without the number in clear.
 */
final class Sealing {
  private Sealing() {}

  /** The register's blind index of ID numbers. */
  static final String DIGEST_FIELD = "household.idNumber";

  /** A person not in the register: their ID number and phone, sealed on the case. */
  static final String ID_FIELD = "monitor.idNumber";

  static final String PHONE_FIELD = "monitor.phone";

  /** The address a self-report came from, kept only as a digest (the daily limit). */
  static final String ADDRESS_FIELD = "monitor.address";
}
