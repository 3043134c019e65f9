package org.bangfu.architecture.examples.cyclea;

import org.bangfu.architecture.examples.cycleb.B;

/** Half of a package cycle: cyclea → cycleb. */
public final class A {
  public String b(B b) {
    return b.toString();
  }
}
