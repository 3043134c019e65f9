/**
 * Small classes that each break one rule of {@code Rules}, so that {@code ArchitectureTest} can
 * show every rule failing. Never used by the application.
 */
package org.bangfu.architecture.examples;
