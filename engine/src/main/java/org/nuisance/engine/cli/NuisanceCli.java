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
            GridCommand.class, GridMergeCommand.class, ImportXmlCommand.class,
            TrainCommand.class, ScoreCommand.class, BenchMlCommand.class, RootCommand.class, SubmitCommand.class,
            NsbiCommand.class, PretrainCommand.class, TrainScalingCommand.class, CommandLine.HelpCommand.class})
public final class NuisanceCli implements Runnable {

    static {
        // jhdf's jar ships a simplelogger.properties that sends INFO logs to System.out, which would
        // corrupt JSON on stdout; system properties take precedence over that file.
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.io.jhdf", "error");
        // DJL warns on stderr when probing CUDA; a failure must stay one line (the CLI reports a missing GPU itself)
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl", "error");
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
        // "out/" must stay recognisable as a folder name: Path.of drops the trailing separator, "out/." keeps it
        cl.registerConverter(java.nio.file.Path.class, s -> s.endsWith("/") || s.endsWith(java.io.File.separator)
                ? java.nio.file.Path.of(s, ".") : java.nio.file.Path.of(s));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(commandLine.getErr(), ex));
        cl.setParameterExceptionHandler((ex, args2) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + oneLine(ex.getMessage()) + " (see '"
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return 2;
        });
        try {
            return cl.execute(args);
        } catch (Throwable t) {
            // Errors (OutOfMemoryError, StackOverflowError) that picocli lets through
            return report(cl.getErr(), t);
        }
    }

    /**
     * Every failure is one line on stderr: bad input (InputException, IllegalArgumentException, I/O)
     * exits 2 with its message; running out of memory exits 2 with what to do; anything else is an
     * internal error (exit 1), still one line.
     */
    static int report(PrintWriter err, Throwable ex) {
        int code;
        String line;
        Throwable cause = ex.getCause() != null && (ex instanceof java.io.UncheckedIOException
                || ex instanceof java.util.concurrent.ExecutionException || ex instanceof java.util.concurrent.CompletionException)
                ? ex.getCause() : ex;
        if (cause instanceof InputException || cause instanceof IllegalArgumentException) {
            code = 2;
            line = oneLine(cause.getMessage());
        } else if (cause instanceof java.io.IOException io) {
            code = 2;
            String file = io instanceof java.nio.file.FileSystemException fs && fs.getFile() != null ? fs.getFile() + ": " : "";
            line = file + org.nuisance.engine.util.AtomicOutput.describe(io);
        } else if (cause instanceof OutOfMemoryError) {
            code = 2;
            line = String.format(java.util.Locale.ROOT, "not enough memory for this input or these options "
                    + "(the JVM may use %.1f GB): ask for fewer events, bins or columns, or raise -Xmx",
                    Runtime.getRuntime().maxMemory() / 1e9);
        } else if (cause instanceof StackOverflowError) {
            code = 1;
            line = "internal error: stack overflow (please report the command line)";
        } else {
            code = 1;
            line = "internal error: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + oneLine(cause.getMessage()));
        }
        err.println("error: " + line);
        err.flush();
        return code;
    }

    /** A message on one line: line breaks become "; ", tabs spaces. */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ").replace('\t', ' ');
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
