package org.bangfu.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules of the house's shape, each one an {@link ArchRule} so that {@link ArchitectureTest}
 * checks the code with it and shows it failing on a small class that breaks it.
 */
final class Rules {

  private Rules() {}

  /** Where SQL may be written: repositories, ledgers, the database layer and the demo loader. */
  static final DescribedPredicate<JavaClass> MAY_HOLD_SQL =
      DescribedPredicate.describe(
          "are repositories, ledgers, the database layer or the demo loader",
          c ->
              topLevelName(c).endsWith("Repository")
                  || topLevelName(c).endsWith("Ledger")
                  || c.getPackageName().startsWith("org.bangfu.db")
                  || c.getPackageName().startsWith("org.bangfu.demo"));

  /** Where the money rows may be locked: the two ledgers. */
  static final DescribedPredicate<JavaClass> LEDGERS =
      DescribedPredicate.describe("are ledgers", c -> topLevelName(c).endsWith("Ledger"));

  /** {@code XxxRoutes} and the classes nested in it. */
  static DescribedPredicate<JavaClass> named(String suffix) {
    return DescribedPredicate.describe(
        "are " + suffix + " classes", c -> topLevelName(c).endsWith(suffix));
  }

  /** The top-level class itself, not a record nested in it (a repository's {@code Filter}). */
  static DescribedPredicate<JavaClass> topLevel(String suffix) {
    return DescribedPredicate.describe(
        suffix + " classes themselves",
        c -> !c.getName().contains("$") && c.getSimpleName().endsWith(suffix));
  }

  static String topLevelName(JavaClass c) {
    if (c.isArray() || c.isPrimitive()) {
      return "";
    }
    String simple = c.getName().substring(c.getPackageName().length() + 1);
    int dollar = simple.indexOf('$');
    return dollar < 0 ? simple : simple.substring(0, dollar);
  }

  /** Routes never reach past their service: no repository, no ledger. */
  static ArchRule routesCallServicesOnly() {
    return noClasses()
        .that(named("Routes"))
        .should()
        .dependOnClassesThat(topLevel("Repository").or(topLevel("Ledger")))
        .as("routes call services, never a repository or a ledger");
  }

  /** Routes hold no SQL client: the service owns the transaction. */
  static ArchRule routesHoldNoSqlClient() {
    return noClasses()
        .that(named("Routes"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx.sqlclient..", "io.vertx.pgclient..")
        .as("routes hold no SQL client");
  }

  /** Services never depend on routes; repositories never on services or routes. */
  static ArchRule servicesKnowNoRoutes() {
    return noClasses()
        .that(named("Service"))
        .should()
        .dependOnClassesThat(named("Routes"))
        .as("services never depend on routes");
  }

  static ArchRule repositoriesKnowNoServices() {
    return noClasses()
        .that(named("Repository"))
        .should()
        .dependOnClassesThat(named("Service").or(named("Routes")))
        .as("repositories never depend on services or routes");
  }

  static ArchRule repositoriesKnowNoHttp() {
    return noClasses()
        .that(named("Repository"))
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.bangfu.http..")
        .as("repositories know nothing of HTTP");
  }

  static ArchRule servicesAndRepositoriesKnowNoRouter() {
    return noClasses()
        .that(named("Service").or(named("Repository")))
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.vertx.ext.web..")
        .as("services and repositories know nothing of the web router");
  }

  /** SQL, in any case, only where {@link #MAY_HOLD_SQL} says. */
  static ArchRule sqlOnlyInRepositories() {
    return classes()
        .that(DescribedPredicate.not(MAY_HOLD_SQL))
        .should(SqlText.holdNoSql())
        .as("SQL only in repositories, ledgers, the database layer and the demo loader");
  }

  /** A lock on a need, pledge, allocation, village cap or fund row only in a ledger. */
  static ArchRule moneyRowsLockedOnlyByLedgers() {
    return classes()
        .that(DescribedPredicate.not(LEDGERS))
        .should(SqlText.lockNoMoneyRows())
        .as("the money rows are locked only by the ledgers");
  }

  /** Only the composition root builds services and repositories. */
  static ArchRule onlyTheCompositionRootBuildsServices() {
    DescribedPredicate<JavaConstructorCall> buildsService =
        DescribedPredicate.describe(
            "a service's or a repository's constructor",
            call -> {
              JavaClass owner = call.getTargetOwner();
              return !owner.equals(call.getOriginOwner())
                  && (topLevel("Service").test(owner) || topLevel("Repository").test(owner));
            });
    // the demo loader is a program of its own (scripts/demo-data) that writes through repositories
    return noClasses()
        .that()
        .resideOutsideOfPackages("org.bangfu.app..", "org.bangfu.demo..")
        .and()
        .doNotHaveFullyQualifiedName("org.bangfu.Main")
        .should()
        .callConstructorWhere(buildsService)
        .as("only the composition root (Main, app) builds services and repositories");
  }

  /** The environment is read once, into {@code AppConfig}. */
  static ArchRule environmentReadOnlyByConfig() {
    DescribedPredicate<JavaMethodCall> readsEnvironment =
        DescribedPredicate.describe(
            "System.getenv",
            call ->
                call.getTargetOwner().isEquivalentTo(System.class)
                    && call.getName().equals("getenv"));
    return noClasses()
        .that()
        .resideOutsideOfPackage("org.bangfu.config..")
        .should()
        .callMethodWhere(readsEnvironment)
        .as("the environment is read only by the configuration (AppConfig)");
  }

  /** No cycle between the packages matched by {@code pattern}, with no exemption. */
  static ArchRule noCycles(String pattern) {
    return slices()
        .matching(pattern)
        .namingSlices("$1")
        .should()
        .beFreeOfCycles()
        .as("no cycle between the packages " + pattern);
  }
}
