package org.bangfu.matching.model;

import java.util.Objects;

/** A donor's hometown (籍贯): a county, optionally a township and a village in it. */
public record Hometown(String county, String township, String village) {
  public Hometown {
    Objects.requireNonNull(county, "county");
  }
}
