package org.bangfu.auth;

import java.util.Arrays;
import java.util.Optional;

/** Who a signed-in user is in the marketplace; {@link #wire()} is the name in JSON and tokens. */
public enum Role {
  /** 驻村第一书记 / 村书记: bound to one village. */
  VILLAGE_SECRETARY("village_secretary"),
  /** 扶贫办, township or county poverty office: bound to that region, acts on all below it. */
  REVIEWER("reviewer"),
  /**
   * An enterprise, chamber of commerce, overseas Chinese donor or individual: bound to one donor.
   */
  DONOR("donor"),
  /** 统战部: runs and watches the campaigns; sees every campaign, no personal data. */
  UNITED_FRONT("united_front"),
  /** 纪委 / 审计: follows fund flows and the audit trail. */
  AUDITOR("auditor"),
  ADMIN("admin");

  private final String wire;

  Role(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<Role> fromWire(String name) {
    return Arrays.stream(values()).filter(r -> r.wire.equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return wire;
  }
}
