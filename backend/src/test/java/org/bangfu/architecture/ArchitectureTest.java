package org.bangfu.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.bangfu.architecture.examples.EnvReadingService;
import org.bangfu.architecture.examples.ExampleRepository;
import org.bangfu.architecture.examples.ExampleService;
import org.bangfu.architecture.examples.HttpAwareRepository;
import org.bangfu.architecture.examples.LowerCaseSqlRoutes;
import org.bangfu.architecture.examples.NeedLockingRepository;
import org.bangfu.architecture.examples.RepositoryCallingRoutes;
import org.bangfu.architecture.examples.RouteDependentService;
import org.bangfu.architecture.examples.RouterAwareService;
import org.bangfu.architecture.examples.ServiceDependentRepository;
import org.bangfu.architecture.examples.ServiceMakingRoutes;
import org.bangfu.architecture.examples.SqlClientRoutes;
import org.bangfu.architecture.examples.SqlInService;
import org.bangfu.architecture.examples.cyclea.A;
import org.bangfu.architecture.examples.cycleb.B;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shape docs/architecture.md describes, kept true: each feature package {@code
 * org.bangfu.<feature>} has {@code XxxRoutes} (HTTP only) over {@code XxxService} (rules,
 * transactions) over {@code XxxRepository} (all SQL); the composition root alone builds them; no
 * package cycle; the allocation engine stays free of the server. Every rule ({@link Rules}) is
 * checked on the code and shown failing on a small class that breaks it ({@code examples}).
 */
@DisplayName("Architecture: one shape for every feature")
class ArchitectureTest {

  static final JavaClasses BANGFU =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.bangfu");

  /** Each rule, the classes that break it, and a class that keeps it. */
  static Stream<Arguments> rules() {
    return Stream.of(
        Arguments.of(
            Rules.routesCallServicesOnly(),
            List.of(RepositoryCallingRoutes.class, ExampleRepository.class),
            ServiceMakingRoutes.class),
        Arguments.of(
            Rules.routesHoldNoSqlClient(),
            List.of(SqlClientRoutes.class),
            LowerCaseSqlRoutes.class),
        Arguments.of(
            Rules.servicesKnowNoRoutes(),
            List.of(RouteDependentService.class, LowerCaseSqlRoutes.class),
            ExampleService.class),
        Arguments.of(
            Rules.repositoriesKnowNoServices(),
            List.of(ServiceDependentRepository.class, ExampleService.class),
            ExampleRepository.class),
        Arguments.of(
            Rules.repositoriesKnowNoHttp(),
            List.of(HttpAwareRepository.class),
            ExampleRepository.class),
        Arguments.of(
            Rules.servicesAndRepositoriesKnowNoRouter(),
            List.of(RouterAwareService.class),
            ExampleService.class),
        Arguments.of(
            Rules.sqlOnlyInRepositories(), List.of(SqlInService.class), ExampleService.class),
        Arguments.of(
            Rules.sqlOnlyInRepositories(), List.of(LowerCaseSqlRoutes.class), ExampleService.class),
        Arguments.of(
            Rules.moneyRowsLockedOnlyByLedgers(),
            List.of(NeedLockingRepository.class),
            ExampleRepository.class),
        Arguments.of(
            Rules.onlyTheCompositionRootBuildsServices(),
            List.of(ServiceMakingRoutes.class, ExampleService.class),
            ExampleService.class),
        Arguments.of(
            Rules.environmentReadOnlyByConfig(),
            List.of(EnvReadingService.class),
            ExampleService.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  @DisplayName("the code keeps the rule")
  void codeKeepsTheRule(ArchRule rule, List<Class<?>> breaking, Class<?> keeping) {
    rule.check(BANGFU);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  @DisplayName("the rule fails on a class that breaks it, and passes one that keeps it")
  void ruleBites(ArchRule rule, List<Class<?>> breaking, Class<?> keeping) {
    JavaClasses bad = new ClassFileImporter().importClasses(breaking);
    assertThatThrownBy(() -> rule.check(bad))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("was violated");
    rule.check(new ClassFileImporter().importClasses(keeping));
  }

  @Test
  @DisplayName("no package cycle, with no exemption")
  void noCycles() {
    Rules.noCycles("org.bangfu.(*)..").check(BANGFU);
    JavaClasses cycle = new ClassFileImporter().importClasses(A.class, B.class);
    assertThatThrownBy(() -> Rules.noCycles("org.bangfu.architecture.examples.(*)..").check(cycle))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("was violated")
        .hasMessageContaining("cyclea")
        .hasMessageContaining("cycleb");
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
  @DisplayName("the SQL rule finds constants, concatenated constants and text blocks, in any case")
  void sqlRuleSeesSql() {
    JavaClass routes = new ClassFileImporter().importClass(LowerCaseSqlRoutes.class);
    assertThat(SqlText.sqlIn(routes)).anyMatch(s -> s.startsWith("select id, name from donors"));
    JavaClass service = new ClassFileImporter().importClass(SqlInService.class);
    assertThat(SqlText.sqlIn(service)).anyMatch(s -> s.contains("JOIN allocations"));
    assertThat(SqlText.sqlIn(new ClassFileImporter().importClass(EnvReadingService.class)))
        .isEmpty();
  }

  @Test
  @DisplayName("every feature package has its Routes, Service and Repository")
  void everyFeatureHasItsLayers() {
    Map<String, Set<String>> layers = new TreeMap<>();
    for (JavaClass c : BANGFU) {
      String name = Rules.topLevelName(c);
      for (String layer : List.of("Routes", "Service", "Repository")) {
        if (name.endsWith(layer) && c.getPackageName().startsWith("org.bangfu.")) {
          layers.computeIfAbsent(feature(c), f -> new TreeSet<>()).add(layer);
        }
      }
    }
    Set<String> features = new TreeSet<>();
    layers.forEach((f, l) -> (l.contains("Routes") ? features : new TreeSet<String>()).add(f));
    assertThat(features)
        .as("feature packages")
        .contains(
            "signin",
            "users",
            "regions",
            "donors",
            "audit",
            "needs",
            "claims",
            "allocations",
            "rounds");
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

  /** The {@code <feature>} of {@code org.bangfu.<feature>...}. */
  static String feature(JavaClass c) {
    String rest =
        c.getPackageName().startsWith("org.bangfu.") ? c.getPackageName().substring(11) : "";
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }
}
