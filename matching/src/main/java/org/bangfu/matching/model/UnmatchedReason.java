package org.bangfu.matching.model;

/**
 * Why (part of) a need is left unmatched in a round: stable codes for the server and the web app,
 * checked in this order — the first that holds is given.
 */
public enum UnmatchedReason {
  /** The need's deadline is before the round's date: it takes no part. */
  PAST_DEADLINE("past-deadline"),
  /** No pledge taking part is in the need's unit. */
  NO_PLEDGE_OF_UNIT("no-pledge-of-unit"),
  /** Pledges of the unit exist, but none accepts the need's category. */
  NO_PLEDGE_FOR_CATEGORY("no-pledge-for-category"),
  /** Pledges accept the unit and category, but none has the need's village in its scope. */
  NO_PLEDGE_IN_SCOPE("no-pledge-in-scope"),
  /** The village's cap for the unit is used up in this round. */
  VILLAGE_CAP_REACHED("village-cap-reached"),
  /** A floor: what is left of the pledges that could give would be a piece below the floor. */
  BELOW_FLOOR("below-floor"),
  /** Pledges that could give have some left, but each already gives this need its maximum. */
  MAX_PER_NEED_REACHED("max-per-need-reached"),
  /** Every pledge that could give is used up, on needs that score higher. */
  PLEDGES_USED_ELSEWHERE("pledges-used-elsewhere"),
  /** A pledge could give more, but with these weights it would earn nothing. */
  NO_GAIN("no-gain");

  private final String code;

  UnmatchedReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
