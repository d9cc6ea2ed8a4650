package cn.degreehub;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.verification.ApplicationState;
import cn.degreehub.notification.StatusEvents;
import cn.degreehub.verification.ApplicationLifecycle;
import cn.degreehub.verification.Applications;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package boundaries of docs/architecture.md, kept by the compiled classes: no cycles between packages, the
 * base packages depend on no feature, and packages that have no partner-facing edge stay free of the contract
 * (JAXB) classes. Table ownership is kept by {@link TableOwnershipTest}.
 */
class ArchitectureTest {

    static final String[] FEATURES = {"cn.degreehub.admin..", "cn.degreehub.audit..", "cn.degreehub.calendar..",
            "cn.degreehub.check..", "cn.degreehub.console..", "cn.degreehub.deadline..", "cn.degreehub.delivery..",
            "cn.degreehub.demo..", "cn.degreehub.filing..", "cn.degreehub.notification..", "cn.degreehub.partner..",
            "cn.degreehub.publication..", "cn.degreehub.report..", "cn.degreehub.review..", "cn.degreehub.verification.."};

    static JavaClasses hub;

    @BeforeAll
    static void importHub() {
        hub = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.degreehub");
    }

    @Test
    void noPackageCycles() {
        // each package its own slice (common and common.jms are two): a cycle between any two fails
        slices().matching("cn.degreehub.(**)").should().beFreeOfCycles().check(hub);
    }

    @Test
    void commonAndDegreeDependOnNoFeature() {
        noClasses().that().resideInAnyPackage("cn.degreehub.common..", "cn.degreehub.degree..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES).check(hub);
    }

    @Test
    void degreeDependsOnNothingButCommon() {
        noClasses().that().resideInAPackage("cn.degreehub.degree..")
                .should().dependOnClassesThat(resideInAPackage("cn.degreehub..")
                        .and(not(resideInAnyPackage("cn.degreehub.degree..", "cn.degreehub.common"))))
                .check(hub);
    }

    @Test
    void packagesWithoutPartnerEdgesUseNoContractClasses() {
        // the fault code enumeration (contract.types) is the hub's error vocabulary and may be used everywhere
        noClasses().that().resideInAnyPackage("cn.degreehub.audit..", "cn.degreehub.calendar..", "cn.degreehub.console..",
                        "cn.degreehub.deadline..", "cn.degreehub.degree..", "cn.degreehub.delivery..", "cn.degreehub.admin..",
                        "cn.degreehub.partner..")
                .should().dependOnClassesThat(resideInAPackage("cn.degreehub.contract..")
                        .and(not(resideInAPackage("cn.degreehub.contract.types.."))))
                .check(hub);
    }

    @Test
    void filingAndPublicationMapTheContractOnlyInTheirAdapters() {
        // SOAP operations (*Endpoint), XML documents (*Documents) and CXF wiring (*Configuration) map the contract;
        // the rest works on the hub's own types (FiledRecord, FilingIntake.Receipt, ...), fault codes excepted
        noClasses().that().resideInAnyPackage("cn.degreehub.filing..", "cn.degreehub.publication..")
                .and().haveNameNotMatching(".*\\.\\w+(Endpoint|Documents|Configuration)(\\$.*)?")
                .should().dependOnClassesThat(resideInAPackage("cn.degreehub.contract..")
                        .and(not(equivalentTo(FaultCode.class))))
                .check(hub);
    }

    @Test
    void onlyTheLifecycleChangesAnApplication() {
        // status, history and the portal's notification are written in one place (ApplicationLifecycle)
        noClasses().that().doNotHaveFullyQualifiedName(ApplicationLifecycle.class.getName())
                .and().doNotHaveFullyQualifiedName(Applications.class.getName())
                .should().callMethod(Applications.class, "changeStatus", String.class, ApplicationState.class,
                        String.class, List.class, String.class, String.class, String.class, String.class)
                .orShould().callMethod(Applications.class, "history", String.class, ApplicationState.class,
                        String.class, String.class, String.class)
                .orShould().callMethod(StatusEvents.class, "changed", String.class, String.class, String.class,
                        String.class)
                .check(hub);
    }
}
