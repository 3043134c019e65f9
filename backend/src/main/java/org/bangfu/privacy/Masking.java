package org.bangfu.privacy;

/**
 * Masked forms of personal data, as shown to a village's secretary and its reviewers. No other role
 * gets these fields at all, masked or not.
 */
public final class Masking {
  private Masking() {}

  /** {@code 350524199001011234} → {@code 350524********1234}. */
  public static String idNumber(String id) {
    if (id == null) {
      return null;
    }
    if (id.length() <= 10) {
      return "*".repeat(id.length());
    }
    return id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4);
  }

  /** {@code 13812345678} → {@code 138****5678}. */
  public static String phone(String phone) {
    if (phone == null) {
      return null;
    }
    if (phone.length() < 7) {
      return "*".repeat(phone.length());
    }
    return phone.substring(0, 3)
        + "*".repeat(phone.length() - 7)
        + phone.substring(phone.length() - 4);
  }

  /** An exact address is cut to the village it is in: nothing finer than the village is shown. */
  public static String address(String address, String villageName) {
    if (address == null) {
      return null;
    }
    return villageName == null || villageName.isBlank() ? "***" : villageName + "***";
  }
}
