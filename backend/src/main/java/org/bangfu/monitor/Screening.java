package org.bangfu.monitor;

import java.util.List;

/**
 * Which of a department's warnings become leads (one county's published cadence, as the defaults of
 * the rule): 医保 monthly — in-patient self-paid costs of at least ¥5,000 for people of the register
 * (脱贫 and monitored households), ¥20,000 for anyone else; 教育 each spring — senior secondary costs
 * over ¥10,000; 应急 after each disaster, 民政 each new 低保 or 特困, and the other departments' warnings —
 * all of them. The amounts are handed to the screening statement as parameters, so the rule is said
 * here once.
 */
final class Screening {
  /** Self-paid medical costs that make a lead for a person of the register (yuan). */
  static final long MEDICAL_REGISTERED = 5_000;

  /** … and for anyone else. */
  static final long MEDICAL_OTHERS = 20_000;

  /** School costs over which a lead is made (yuan). */
  static final long EDUCATION = 10_000;

  /** The statuses of the register whose people are "脱贫人口" for the medical rule. */
  static final List<String> REGISTERED =
      List.of("exited", "monitored", "cleared", "in_poverty", "new", "returned", "marginal");

  /** Departments whose rows need an amount (the rule compares it). */
  static final List<String> NEED_AMOUNT = List.of("medical", "education");

  private Screening() {}
}
