package io.atrium.server;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN.md's module rules: contexts meet only through public packages, and none of them knows HTTP. */
class ArchitectureTest {

  private static final List<String> CONTEXTS = List.of("identity", "organization", "workspace", "billing", "webhooks");

  /** The contexts' wiring, which receives the pool: one class each. */
  private static final Set<String> WIRING = Set.of("IdentityEndpoints", "OrganizationEndpoints", "WorkspaceEndpoints", "BillingEndpoints",
      "WebhookEndpoints");

  /** A {@code Sql*} adapter, a {@code *Tables} record or a context's wiring, or a class nested in (or anonymous inside) one. */
  private static final DescribedPredicate<JavaClass> PERSISTENCE_EDGE =
      DescribedPredicate.describe("Sql* adapters, *Tables records and the contexts' wiring (and classes inside them)", javaClass -> {
        JavaClass top = javaClass;
        while (top.getEnclosingClass().isPresent()) {
          top = top.getEnclosingClass().get();
        }
        String name = top.getSimpleName();
        return name.startsWith("Sql") || (name.endsWith("Tables") && top.isRecord()) || WIRING.contains(name);
      });

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.atrium");
  }

  @Test
  void nobodyReachesIntoAnotherContextsInternals() {
    for (String context : CONTEXTS) {
      noClasses().that().resideOutsideOfPackage("io.atrium." + context + "..")
          .should().dependOnClassesThat().resideInAPackage("io.atrium." + context + ".internal..")
          .because("only " + context + " itself may use its internals")
          .check(classes);
    }
  }

  @Test
  void contextsDoNotKnowHttpOrTheServer() {
    for (String context : CONTEXTS) {
      noClasses().that().resideInAPackage("io.atrium." + context + "..")
          .should().dependOnClassesThat().resideInAnyPackage("io.vertx.ext.web..", "io.atrium.server..", "io.atrium.worker..")
          .check(classes);
    }
  }

  /**
   * Names say what things are: no two top-level types share a simple name, except each context's own invitations,
   * audit log and request reader, which are the same idea kept apart in its own schema.
   */
  @Test
  void noTwoTypesShareAName() {
    Set<String> perContext = Set.of("AuditLog", "SqlAuditLog", "Invitation", "Invitations", "SqlInvitations", "Input");
    Map<String, List<String>> byName = classes.stream().filter(c -> c.isTopLevelClass() && !perContext.contains(c.getSimpleName()))
        .collect(Collectors.groupingBy(JavaClass::getSimpleName, Collectors.mapping(JavaClass::getName, Collectors.toList())));
    assertThat(byName.values().stream().filter(names -> names.size() > 1).toList()).isEmpty();
  }

  /**
   * One persistence shape ({@code UnitOfWork}): the database client's types stay in a context's {@code Sql*} adapters,
   * its {@code *Tables} record and its {@code *Endpoints} wiring, which receives the pool; use cases see ports.
   */
  @Test
  void onlyAdaptersTablesAndWiringKnowTheSqlClient() {
    noClasses().that().resideInAnyPackage(CONTEXTS.stream().map(context -> "io.atrium." + context + ".internal..").toArray(String[]::new))
        .and(not(PERSISTENCE_EDGE))
        .should().dependOnClassesThat().resideInAPackage("io.vertx.sqlclient..")
        .because("use cases reach the database through their context's UnitOfWork and its ports")
        .check(classes);
  }

  @Test
  void thePlatformDependsOnNoContext() {
    noClasses().that().resideInAPackage("io.atrium.platform..")
        .should().dependOnClassesThat().resideInAnyPackage("io.atrium.identity..", "io.atrium.organization..", "io.atrium.workspace..", "io.atrium.billing..", "io.atrium.webhooks..",
            "io.atrium.server..", "io.atrium.worker..")
        .check(classes);
  }

  @Test
  void theWorkerDoesNotDependOnTheServer() {
    noClasses().that().resideInAPackage("io.atrium.worker..")
        .should().dependOnClassesThat().resideInAPackage("io.atrium.server..")
        .check(classes);
  }
}
