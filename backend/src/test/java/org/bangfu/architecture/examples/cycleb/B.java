package org.bangfu.architecture.examples.cycleb;

import org.bangfu.architecture.examples.cyclea.A;

/** The other half: cycleb → cyclea. */
public final class B {
  public String a(A a) {
    return a.toString();
  }
}
