package cn.degreehub;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.delivery.Outbox;
import cn.degreehub.notification.StatusEvents;
import cn.degreehub.verification.ApplicationLifecycle;
import cn.degreehub.verification.ApplicationState;
import cn.degreehub.verification.Applications;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package boundaries of docs/architecture.md, kept by the compiled classes: no cycles between packages, the
 * base packages depend on no feature, packages that have no partner-facing edge stay free of the contract (JAXB)
 * classes, and the others use them only in their adapters. Table ownership is kept by {@link TableOwnershipTest}.
 */
class ArchitectureTest {

    static final String[] FEATURES = {"cn.degreehub.admin..", "cn.degreehub.audit..", "cn.degreehub.binding..", "cn.degreehub.calendar..",
            "cn.degreehub.check..", "cn.degreehub.conformance..", "cn.degreehub.console..", "cn.degreehub.deadline..", "cn.degreehub.delivery..",
            "cn.degreehub.demo..", "cn.degreehub.filing..", "cn.degreehub.notification..", "cn.degreehub.partner..",
            "cn.degreehub.publication..", "cn.degreehub.report..", "cn.degreehub.review..", "cn.degreehub.verification.."};

    /** The generated contract classes, but for the fault codes: the hub's error vocabulary, used everywhere. */
    static final DescribedPredicate<JavaClass> CONTRACT = resideInAPackage("cn.degreehub.contract..")
            .and(not(equivalentTo(FaultCode.class)));

    /**
     * A class (or a class nested in one) named *Endpoint, *Documents or *Configuration, or an outbox partner (it
     * calls a partner's service with the partner's contract).
     */
    static final DescribedPredicate<JavaClass> ADAPTERS = DescribedPredicate.describe(
            "adapters (*Endpoint, *Documents, *Configuration, Outbox.Partner)", c -> {
                JavaClass outer = c;
                while (outer.getEnclosingClass().isPresent()) {
                    outer = outer.getEnclosingClass().get();
                }
                String name = outer.getSimpleName();
                return name.endsWith("Endpoint") || name.endsWith("Documents") || name.endsWith("Configuration")
                        || outer.isAssignableTo(Outbox.Partner.class);
            });

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
        noClasses().that().resideInAnyPackage("cn.degreehub.audit..", "cn.degreehub.binding..", "cn.degreehub.calendar..", "cn.degreehub.console..",
                        "cn.degreehub.deadline..", "cn.degreehub.degree..", "cn.degreehub.delivery..", "cn.degreehub.admin..",
                        "cn.degreehub.partner..")
                .should().dependOnClassesThat(CONTRACT)
                .check(hub);
    }

    @Test
    void contractClassesOnlyInAdapters() {
        // docs/architecture.md, "Adapters and the contract classes": the packages with partner-facing operations
        // map the contract in *Endpoint, *Documents and *Configuration classes; their domain uses the hub's types
        noClasses().that().resideInAnyPackage("cn.degreehub.filing..", "cn.degreehub.publication..",
                        "cn.degreehub.verification..", "cn.degreehub.report..", "cn.degreehub.check..",
                        "cn.degreehub.review..")
                .and(not(ADAPTERS))
                .should().dependOnClassesThat(CONTRACT)
                .check(hub);
    }

    @Test
    void onlyTheLifecycleChangesAnApplication() throws NoSuchMethodException {
        // a rule naming a method that no longer exists would pass for ever: the signatures must be found first
        Applications.class.getMethod("changeStatus", String.class, ApplicationState.class, String.class, List.class,
                String.class, String.class, String.class, String.class);
        Applications.class.getMethod("history", String.class, ApplicationState.class, String.class, String.class,
                String.class);
        StatusEvents.class.getMethod("changed", String.class, String.class, String.class, String.class);
        StatusEvents.class.getMethod("changed", String.class, String.class, String.class, String.class, String.class);
        // status, history and the portal's notification are written in one place (ApplicationLifecycle)
        noClasses().that().doNotHaveFullyQualifiedName(ApplicationLifecycle.class.getName())
                .and().doNotHaveFullyQualifiedName(Applications.class.getName())
                .and().doNotHaveFullyQualifiedName(StatusEvents.class.getName())
                .should().callMethod(Applications.class, "changeStatus", String.class, ApplicationState.class,
                        String.class, List.class, String.class, String.class, String.class, String.class)
                .orShould().callMethod(Applications.class, "history", String.class, ApplicationState.class,
                        String.class, String.class, String.class)
                .orShould().callMethod(StatusEvents.class, "changed", String.class, String.class, String.class,
                        String.class)
                .orShould().callMethod(StatusEvents.class, "changed", String.class, String.class, String.class,
                        String.class, String.class)
                .check(hub);
    }
}
