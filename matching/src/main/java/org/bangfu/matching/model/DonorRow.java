package org.bangfu.matching.model;

import java.util.List;
import java.util.Objects;

/**
 * What one donor gives one need in the round, all its pledges together: the contract's allocation
 * rows name a pledge each, so a donor giving one need from two pledges has two rows there and one
 * here ({@code pledges} in id order).
 */
public record DonorRow(String need, String donor, long quantity, List<String> pledges) {
  public DonorRow {
    Objects.requireNonNull(need, "need");
    Objects.requireNonNull(donor, "donor");
    pledges = List.copyOf(pledges);
  }
}
