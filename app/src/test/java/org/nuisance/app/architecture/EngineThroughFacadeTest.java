package org.nuisance.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * The window's architecture, as JabRef states its own (src/test/java/org/jabref/architecture): the app
 * reaches the engine only through its workbench facade and a short list of value types; views draw and
 * never compute.
 */
class EngineThroughFacadeTest {

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.nuisance.app");

    /**
     * Plain values the views may hold and draw, without calling any engine computation: the parameters
     * (names, ranges, sampling widths) and their values, histograms as axes plus contents, a model
     * parameter's description, and the fit/scan/impact results the facade returns.
     */
    static final Set<String> VALUE_TYPES = Set.of(
            "org.nuisance.engine.higgsml.NuisanceParameter",
            "org.nuisance.engine.higgsml.NuisanceParameter$Law",
            "org.nuisance.engine.higgsml.NuisanceValues",
            "org.nuisance.engine.hist.Axis",
            "org.nuisance.engine.hist.Histogram",
            "org.nuisance.engine.hist.ProcessHistograms",
            "org.nuisance.engine.stats.Parameter",
            "org.nuisance.engine.stats.Parameter$Constraint",
            "org.nuisance.engine.stats.fit.FitResult",
            "org.nuisance.engine.stats.fit.LikelihoodSummary",
            "org.nuisance.engine.stats.fit.ProfileScan$Result",
            "org.nuisance.engine.stats.fit.Impacts$Impact",
            // the Train tab: the classifier's settings, its progress per epoch, its summary and ROC curve
            "org.nuisance.engine.ml.ClassifierConfig",
            "org.nuisance.engine.ml.ClassifierConfig$ActivationFunction",
            "org.nuisance.engine.ml.ClassifierConfig$Builder",
            "org.nuisance.engine.ml.ComputeDevice$Choice",
            "org.nuisance.engine.ml.EpochProgress",
            "org.nuisance.engine.ml.TrainingSummary",
            "org.nuisance.engine.ml.RocCurve",
            // the callback through which training reports its epochs (implemented by the view model)
            "org.nuisance.engine.ml.TrainingProgressListener",
            // the Unfolded tab: a binned unfolded result with its bands, and a chi-square's value
            "org.nuisance.engine.omnifold.UnfoldedResult",
            "org.nuisance.engine.omnifold.Chi2Test$Result");

    /** ProfileScan's confidence-level constants are numbers, not a computation. */
    static final Set<String> CONSTANT_HOLDERS = Set.of("org.nuisance.engine.stats.fit.ProfileScan",
            "org.nuisance.engine.stats.fit.Impacts");

    private static final DescribedPredicate<JavaClass> ENGINE_OUTSIDE_FACADE = new DescribedPredicate<>(
            "engine classes outside org.nuisance.engine.workbench that are not plain value types") {
        @Override
        public boolean test(JavaClass c) {
            String n = c.getName();
            return n.startsWith("org.nuisance.engine.") && !n.startsWith("org.nuisance.engine.workbench.")
                    && !VALUE_TYPES.contains(n) && !CONSTANT_HOLDERS.contains(n);
        }
    };

    /** Every app class, the Train and Unfolded tabs and the CLI launcher included: no exemptions. */
    static final ArchRule appReachesTheEngineOnlyThroughTheFacade = noClasses()
            .should().dependOnClassesThat(ENGINE_OUTSIDE_FACADE)
            .because("view models call only org.nuisance.engine.workbench; kernels, fitters and readers stay behind it");

    /** The facade's classes that compute or load: only view models call them. */
    static final Set<String> FACADE_SERVICES = Set.of("org.nuisance.engine.workbench.EventsWorkbench",
            "org.nuisance.engine.workbench.WorkspaceWorkbench", "org.nuisance.engine.workbench.Sources",
            "org.nuisance.engine.workbench.FitTarget", "org.nuisance.engine.workbench.Exports",
            "org.nuisance.engine.workbench.PoissonInterval", "org.nuisance.engine.hist.HistogramMath",
            "org.nuisance.engine.workbench.ClassifierTraining", "org.nuisance.engine.workbench.Unfolding",
            "org.nuisance.engine.workbench.CommandLine");

    private static final DescribedPredicate<JavaClass> VIEWS = new DescribedPredicate<>(
            "views (classes named *View, *Chart, *Panel, *Bar)") {
        @Override
        public boolean test(JavaClass c) {
            String n = c.getSimpleName().isEmpty() ? c.getName() : c.getSimpleName();
            String outer = c.getName().replaceAll("\\$.*", "");
            String simple = outer.substring(outer.lastIndexOf('.') + 1);
            return simple.endsWith("View") || simple.endsWith("Chart") || simple.endsWith("Panel")
                    || simple.endsWith("Bar") || n.endsWith("View");
        }
    };

    private static final DescribedPredicate<JavaClass> COMPUTING = new DescribedPredicate<>(
            "the facade's services or the engine's histogram arithmetic") {
        @Override
        public boolean test(JavaClass c) {
            return FACADE_SERVICES.contains(c.getName());
        }
    };

    static final ArchRule viewsNeverCompute = noClasses().that(VIEWS)
            .should().dependOnClassesThat(COMPUTING)
            .because("views draw what their view model holds; only view models ask the facade to compute");

    @Test
    void appReachesTheEngineOnlyThroughTheFacade() {
        appReachesTheEngineOnlyThroughTheFacade.check(APP);
    }

    @Test
    void viewsNeverCompute() {
        viewsNeverCompute.check(APP);
    }
}
