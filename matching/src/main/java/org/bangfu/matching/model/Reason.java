package org.bangfu.matching.model;

/**
 * Why an allocation suits: the affinity reasons ({@link Affinity}), in the spec's order, with their
 * wire names; and {@link #PRIORITY_CATEGORY} for a match where none of them applies (it was made
 * for the need's priority and the pledge's category alone; it carries no affinity weight).
 */
public enum Reason {
  PAIRED_VILLAGE("paired-village"),
  HOMETOWN_VILLAGE("hometown-village"),
  HOMETOWN_TOWNSHIP("hometown-township"),
  HOMETOWN_COUNTY("hometown-county"),
  PAIRED_COUNTY("paired-county"),
  SAME_COUNTY("same-county"),
  PRIORITY_CATEGORY("priority-category");

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
      case PRIORITY_CATEGORY -> 0;
    };
  }
}
