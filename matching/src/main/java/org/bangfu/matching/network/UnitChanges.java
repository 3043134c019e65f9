package org.bangfu.matching.network;

/** What an incremental round changes in one unit: global indices of needs, pledges, villages. */
final class UnitChanges {
  final IntList removedNeeds = new IntList();
  final IntList addedNeeds = new IntList();
  final IntList removedPledges = new IntList();
  final IntList addedPledges = new IntList();
  final IntList capVillages = new IntList();

  boolean isEmpty() {
    return removedNeeds.isEmpty()
        && addedNeeds.isEmpty()
        && removedPledges.isEmpty()
        && addedPledges.isEmpty()
        && capVillages.isEmpty();
  }
}
