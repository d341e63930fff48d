package org.nuisance.engine.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One command line run in-process (for the CLI tests of every package), with its exit code and what it printed on stdout and stderr. */
public record CliRun(int code, String out, String err) {

    /** stdout parsed as JSON (for the --json forms). */
    public com.fasterxml.jackson.databind.JsonNode json() throws java.io.IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
    }

    public static CliRun of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = NuisanceCli.run(args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
