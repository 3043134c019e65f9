package org.bangfu.deadlines;

/**
 * What a deadline is about: a type ({@code report}, {@code allocation}, …) and the id of the
 * record.
 */
public record Subject(String type, String id) {
  public Subject {
    if (type == null || !type.matches("[a-z][a-z_]{1,39}") || id == null || id.isEmpty()) {
      throw new IllegalArgumentException("a deadline's subject needs a type and an id");
    }
  }

  public static Subject of(String type, long id) {
    return new Subject(type, Long.toString(id));
  }

  @Override
  public String toString() {
    return type + ":" + id;
  }
}
