package org.bangfu.households;

/**
 * The resident identity number (GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2 check character.
 */
public final class IdNumbers {
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

  private IdNumbers() {}

  public static boolean valid(String id) {
    if (id == null || !id.matches("\\d{17}[\\dX]")) {
      return false;
    }
    return id.charAt(17) == checkChar(id.substring(0, 17));
  }

  /** The check character for the first 17 digits (used by the demo data to make valid numbers). */
  static char checkChar(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK[sum % 11];
  }

  public static String withCheck(String first17) {
    return first17 + checkChar(first17);
  }
}
