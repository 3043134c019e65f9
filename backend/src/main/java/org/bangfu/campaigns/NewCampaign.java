package org.bangfu.campaigns;

import java.time.LocalDate;
import java.util.List;

/** What the united front gives to open a campaign. */
public record NewCampaign(
    String code,
    String name,
    String description,
    LocalDate startsOn,
    LocalDate endsOn,
    List<String> donorTypes,
    String regionPairingKind,
    Targets targets) {
  public NewCampaign {
    donorTypes = List.copyOf(donorTypes);
    targets = targets == null ? Targets.NONE : targets;
  }
}
