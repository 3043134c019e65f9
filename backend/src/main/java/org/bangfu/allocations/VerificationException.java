package org.bangfu.allocations;

import java.util.List;

/**
 * Why a receipt is verified without a file: goods handed over in person before a witness, a cash
 * receipt still to come, or another reason, always written out. Supervision counts a verification
 * on an exception as one without evidence, so an alert still asks for the file.
 */
public record VerificationException(String kind, String reason) {
  public static final List<String> KINDS =
      List.of("handed_over_in_person", "receipt_pending", "other");

  public VerificationException {
    if (!KINDS.contains(kind) || reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("an exception needs a known kind and a reason");
    }
  }
}
