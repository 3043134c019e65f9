package org.bangfu.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep the code in one shape: each feature package {@code org.bangfu.<feature>} has
 * {@code XxxRoutes} (HTTP only) over {@code XxxService} (rules, transactions) over {@code
 * XxxRepository} (all SQL); the allocation engine stays free of the server.
 */
@DisplayName("Architecture: one shape for every feature")
class ArchitectureTest {

  /**
   * Feature packages not yet in the platform's shape. The ONE list of exceptions to these rules:
   * remove a package from it as soon as it has its Routes, Service and Repository. {@code auth}
   * stays outside the feature rules only while its sign-in SQL lives in its routes.
   */
  static final Set<String> NOT_YET_CONVERTED = Set.of("auth");

  /**
   * Shared layers every feature may use, and that may know every feature ({@code http.Features}
   * mounts every feature's routes, {@code jobs.Jobs} lists every scheduled job).
   */
  static final String[] SHARED = {
    "org.bangfu.support..",
    "org.bangfu.http..",
    "org.bangfu.auth..",
    "org.bangfu.config..",
    "org.bangfu.db..",
    "org.bangfu.jobs.."
  };

  static final JavaClasses BANGFU =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.bangfu");

  /** Classes of the packages that are in the shape (everything but {@link #NOT_YET_CONVERTED}). */
  static final DescribedPredicate<JavaClass> CONVERTED =
      DescribedPredicate.describe(
          "are in a converted package", c -> !NOT_YET_CONVERTED.contains(feature(c)));

  /** {@code XxxRoutes} and its nested classes. */
  static DescribedPredicate<JavaClass> named(String suffix) {
    return DescribedPredicate.describe(
        "are " + suffix + " classes", c -> topLevelName(c).endsWith(suffix));
  }

  static String topLevelName(JavaClass c) {
    String simple = c.getName().substring(c.getPackageName().length() + 1);
    int dollar = simple.indexOf('$');
    return dollar < 0 ? simple : simple.substring(0, dollar);
  }

  /** The {@code <feature>} of {@code org.bangfu.<feature>...}. */
  static String feature(JavaClass c) {
    String rest =
        c.getPackageName().startsWith("org.bangfu.") ? c.getPackageName().substring(11) : "";
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  @Test
  @DisplayName(
      "the matching engine uses the JDK only (Jackson only in its json package, for the command line)")
  void matchingUsesTheJdkOnly() {
    classes()
        .that()
        .resideInAPackage("org.bangfu.matching..")
        .and()
        .resideOutsideOfPackage("org.bangfu.matching.json..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.bangfu.matching..")
        .check(BANGFU);
    classes()
        .that()
        .resideInAPackage("org.bangfu.matching.json..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.bangfu.matching..", "com.fasterxml.jackson..")
        .check(BANGFU);
  }

  @Test
  @DisplayName("routes hold no SQL: no SQL client types and no SQL text")
  void routesHoldNoSql() {
    noClasses()
        .that(named("Routes"))
        .and(CONVERTED)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx.sqlclient..", "io.vertx.pgclient..")
        .check(BANGFU);
    classes().that(named("Routes")).and(CONVERTED).should(SqlText.holdNoSql()).check(BANGFU);
  }

  /** A routes class with SQL in it, to show that the SQL rule sees it. */
  static final class ExampleRoutes {
    static final String COLUMNS = "id, name";
    static final String BY_ID = "SELECT " + COLUMNS + " FROM donors WHERE id = $1";

    static String update(String set) {
      return """
          UPDATE donors SET"""
          + set
          + " WHERE id = $1";
    }
  }

  @Test
  @DisplayName("the SQL rule finds constants, concatenated constants and text blocks")
  void sqlRuleSeesSql() {
    JavaClasses example = new ClassFileImporter().importClasses(ExampleRoutes.class);
    assertThat(SqlText.sqlIn(example.get(ExampleRoutes.class)))
        .anyMatch(s -> s.startsWith("SELECT id, name FROM donors"))
        .anyMatch(s -> s.startsWith("UPDATE donors SET"));
    assertThat(named("Routes").test(example.get(ExampleRoutes.class)))
        .isFalse(); // nested in a test
    assertThatThrownBy(() -> classes().should(SqlText.holdNoSql()).check(example))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("holds SQL");
  }

  @Test
  @DisplayName("repositories know nothing of HTTP")
  void repositoriesKnowNoHttp() {
    noClasses()
        .that(named("Repository"))
        .and(CONVERTED)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.bangfu.http..")
        .check(BANGFU);
  }

  @Test
  @DisplayName("services and repositories know nothing of the web router")
  void servicesAndRepositoriesKnowNoRouter() {
    noClasses()
        .that(named("Service").or(named("Repository")))
        .and(CONVERTED)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.vertx.ext.web..")
        .check(BANGFU);
  }

  @Test
  @DisplayName("no cycles between feature packages (shared layers aside)")
  void noCycles() {
    DescribedPredicate<JavaClass> shared = resideInAnyPackage(SHARED);
    DescribedPredicate<JavaClass> notYetConverted = DescribedPredicate.not(CONVERTED);
    slices()
        .matching("org.bangfu.(*)..")
        .namingSlices("$1")
        .should()
        .beFreeOfCycles()
        .ignoreDependency(shared, alwaysTrue())
        .ignoreDependency(alwaysTrue(), shared)
        .ignoreDependency(notYetConverted, alwaysTrue())
        .check(BANGFU);
  }

  @Test
  @DisplayName("every feature package has its Routes, Service and Repository")
  void everyFeatureHasItsLayers() {
    Map<String, Set<String>> layers = new TreeMap<>();
    for (JavaClass c : BANGFU) {
      String name = topLevelName(c);
      for (String layer : List.of("Routes", "Service", "Repository")) {
        if (name.endsWith(layer) && c.getPackageName().startsWith("org.bangfu.")) {
          layers.computeIfAbsent(feature(c), f -> new TreeSet<>()).add(layer);
        }
      }
    }
    Set<String> features =
        layers.entrySet().stream()
            .filter(e -> e.getValue().contains("Routes"))
            .map(Map.Entry::getKey)
            .filter(f -> !NOT_YET_CONVERTED.contains(f))
            .collect(Collectors.toSet());
    assertThat(features)
        .as("converted feature packages")
        .contains(
            "users", "regions", "donors", "audit", "needs", "claims", "allocations", "rounds");
    Map<String, Set<String>> missing = new TreeMap<>();
    for (String f : features) {
      Set<String> lacking = new TreeSet<>(List.of("Routes", "Service", "Repository"));
      lacking.removeAll(layers.get(f));
      if (!lacking.isEmpty()) {
        missing.put("org.bangfu." + f, lacking);
      }
    }
    assertThat(missing).as("feature packages lacking a layer").isEmpty();
  }
}
