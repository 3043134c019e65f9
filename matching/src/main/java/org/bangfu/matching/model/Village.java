package org.bangfu.matching.model;

import java.util.Objects;

/** A village with its county and township (township ids are unique across counties). */
public record Village(String id, String county, String township) {
  public Village {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(county, "county");
    Objects.requireNonNull(township, "township");
  }
}
