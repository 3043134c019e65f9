package org.bangfu.deadlines;

import java.time.Instant;

/**
 * A deadline to open: about what, whose, where the subject lies (a village or county, for who may
 * hear of it; may be null), what the inbox calls it, and — when the workflow keeps a due date of
 * its own (a report's, a notice's, a finding's) — that date and the rule that gave it; otherwise
 * both null and the kind's configured rule counts from now.
 */
public record Opening(
    Subject subject, Owner who, String place, String title, Instant dueAt, Rule rule) {

  public Opening {
    if (subject == null || who == null || title == null || title.isBlank()) {
      throw new IllegalArgumentException("a deadline needs a subject, an owner and a title");
    }
    title = title.length() > 300 ? title.substring(0, 300) : title;
  }

  /** Due by the kind's configured rule, counted from now. */
  public static Opening of(Subject subject, Owner who, String place, String title) {
    return new Opening(subject, who, place, title, null, null);
  }

  /** Due at a date the workflow keeps itself, under the kind's configured rule. */
  public Opening until(Instant due) {
    return new Opening(subject, who, place, title, due, rule);
  }

  /** Under another rule than the kind's (a notice kind with a window of its own). */
  public Opening under(Rule other) {
    return new Opening(subject, who, place, title, dueAt, other);
  }
}
