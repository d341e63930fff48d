package org.nuisance.engine.cli;

import java.io.PrintWriter;
import org.nuisance.engine.data.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless command line: the engine without the window, for terminals, scripts and batch machines. */
@Command(name = "nuisance", mixinStandardHelpOptions = true, versionProvider = NuisanceCli.Version.class,
        description = "Nuisance Workbench engine: HiggsML events, systematics, histograms and likelihoods.",
        subcommands = {InfoCommand.class, ShiftCommand.class, HistCommand.class, BenchCommand.class,
            FitCommand.class, ScanCommand.class, HypotestCommand.class, LimitCommand.class,
            CoverageCommand.class, MergeCommand.class, BuildWorkspaceCommand.class, OmniFoldCommand.class,
            TrainCommand.class, ScoreCommand.class, BenchMlCommand.class,
            CommandLine.HelpCommand.class})
public final class NuisanceCli implements Runnable {

    static {
        // jhdf's jar ships a simplelogger.properties that sends INFO logs to System.out, which would
        // corrupt JSON on stdout; system properties take precedence over that file.
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.io.jhdf", "error");
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    public static void main(String[] args) {
        quietLibraryLogs();
        System.exit(run(args));
    }

    /**
     * DJL logs "Failed to detect GPU count" at warn on every machine without CUDA; that is the normal
     * case here, not a problem to report on stderr. Set before any logger exists; a user's own
     * -Dorg.slf4j.simpleLogger... setting wins.
     */
    public static void quietLibraryLogs() {
        if (System.getProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda", "error");
        }
    }

    /** Runs a command line and returns its exit code (0 success, 2 bad input, 1 internal error). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new NuisanceCli());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof InputException || ex instanceof IllegalArgumentException) {
                err.println("error: " + ex.getMessage());
                err.flush();
                return 2;
            }
            err.println("error: " + ex);
            err.flush();
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args2) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            err.flush();
            return 2;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports the engine's version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = NuisanceCli.class.getPackage().getImplementationVersion();
            return new String[] {"nuisance-engine " + (v == null ? "development build" : v),
                "Java " + System.getProperty("java.version")};
        }
    }
}
