package org.bangfu.notices;

/**
 * What a feature hands to {@link NoticeService#publish} to announce something. {@code regionId} is
 * the village (or county) concerned; {@code beneficiaries} must already be masked (a count of
 * households, a village's name: never a name, ID number, phone or address). Empty fields may be
 * null.
 */
public record NoticeDraft(
    String kind,
    String subjectType,
    String subjectId,
    String regionId,
    String title,
    Long amount,
    String source,
    String purpose,
    String place,
    String implementer,
    String beneficiaries) {

  public NoticeDraft {
    if (kind == null
        || subjectType == null
        || subjectId == null
        || regionId == null
        || title == null) {
      throw new IllegalArgumentException("kind, subject, region and title are required");
    }
  }
}
