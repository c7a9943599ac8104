package org.refugio.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The package structure (README "Where things live"): one package per capability, each with a package-info
 * naming its entry point. These rules fail the build when a cycle between capabilities appears or when code
 * reaches past a seam (Drools, Camunda) that is meant to be replaceable.
 */
class ModuleBoundariesTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.refugio");

    @Test
    void noCycleBetweenCapabilities() {
        // The generated contract (org.refugio.api, org.refugio.client) is a leaf every capability may use.
        ArchRule rule = slices().matching("org.refugio.(*)..").should().beFreeOfCycles();
        rule.check(MAIN);
    }

    @Test
    void theErrorFormatImportsNoCapability() {
        noClasses().that().resideInAPackage("org.refugio.problem..")
                .should().dependOnClassesThat().resideInAnyPackage("org.refugio.audit..", "org.refugio.cases..",
                        "org.refugio.screening..", "org.refugio.routing..", "org.refugio.providers..",
                        "org.refugio.eligibility..", "org.refugio.ruleset..", "org.refugio.identity..",
                        "org.refugio.workflow..", "org.refugio.web..")
                .check(MAIN);
    }

    @Test
    void theClusterBatchesImportNoCapability() {
        // Issue 14: the sealer, the report folder and the retention job share how one node at a time does batches;
        // a leaf package, so that any capability may use it without a cycle.
        noClasses().that().resideInAPackage("org.refugio.cluster..")
                .should().dependOnClassesThat(resideInAPackage("org.refugio..")
                        .and(resideOutsideOfPackage("org.refugio.cluster..")))
                .check(MAIN);
    }

    @Test
    void theAuditTrailKnowsNothingOfWhatAuditorsDoWithIt() {
        // Issue 15: the trail (append, seal, verify) is what every capability writes to; the analyses (replay,
        // impact) are one of its readers and may change without touching it.
        noClasses().that().resideInAPackage("org.refugio.audit")
                .should().dependOnClassesThat().resideInAnyPackage("org.refugio.audit.analysis..",
                        "org.refugio.audit.web..")
                .check(MAIN);
        noClasses().that().resideInAPackage("org.refugio.audit.analysis..")
                .should().dependOnClassesThat().resideInAPackage("org.refugio.audit.web..")
                .check(MAIN);
    }

    @Test
    void onlyTheCamundaAdapterTouchesTheWorkflowEngine() {
        // Camunda 7 CE is end-of-life upstream: moving to Operaton must change one package.
        noClasses().that().resideOutsideOfPackage("org.refugio.workflow.camunda..")
                .should().dependOnClassesThat().resideInAPackage("org.camunda..")
                .check(MAIN);
    }

    @Test
    void onlyTheDroolsAdaptersTouchTheRuleEngine() {
        noClasses().that().resideOutsideOfPackages("org.refugio.eligibility.drools..", "org.refugio.routing.drools..")
                .should().dependOnClassesThat().resideInAnyPackage("org.kie..", "org.drools..")
                .check(MAIN);
    }

    @Test
    void nothingDependsOnTheRetentionJob() {
        // Issue 15 item 3: screening and cases offer their own purge; the job calls them, never the other way round.
        noClasses().that().resideOutsideOfPackage("org.refugio.retention..")
                .should().dependOnClassesThat().resideInAPackage("org.refugio.retention..")
                .check(MAIN);
    }

    @Test
    void nothingDependsOnTheBenchmarkEndpoints() {
        noClasses().that().resideOutsideOfPackage("org.refugio.bench..")
                .should().dependOnClassesThat().resideInAPackage("org.refugio.bench..")
                .check(MAIN);
    }
}
