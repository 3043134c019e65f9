package org.bangfu.matching.model;

import java.util.List;
import java.util.Objects;

/** A county-level unit; {@code pairedWith} is the mountain-sea pairing (山海协作), symmetric. */
public record County(String id, String name, List<String> pairedWith) {
  public County {
    Objects.requireNonNull(id, "id");
    pairedWith = pairedWith == null ? List.of() : List.copyOf(pairedWith);
  }
}
