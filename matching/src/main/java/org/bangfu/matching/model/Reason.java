package org.bangfu.matching.model;

/** The affinity reasons, in the spec's order, with their wire names. */
public enum Reason {
  PAIRED_VILLAGE("paired-village"),
  HOMETOWN_VILLAGE("hometown-village"),
  HOMETOWN_TOWNSHIP("hometown-township"),
  HOMETOWN_COUNTY("hometown-county"),
  PAIRED_COUNTY("paired-county"),
  SAME_COUNTY("same-county");

  private final String wireName;

  Reason(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public long weight(Weights w) {
    return switch (this) {
      case PAIRED_VILLAGE -> w.pairedVillage();
      case HOMETOWN_VILLAGE -> w.hometownVillage();
      case HOMETOWN_TOWNSHIP -> w.hometownTownship();
      case HOMETOWN_COUNTY -> w.hometownCounty();
      case PAIRED_COUNTY -> w.pairedCounty();
      case SAME_COUNTY -> w.sameCounty();
    };
  }
}
