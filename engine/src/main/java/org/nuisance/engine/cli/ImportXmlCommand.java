package org.nuisance.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nuisance.engine.stats.histfactory.Workspace;
import org.nuisance.engine.stats.xml.HistFactoryXml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code import-xml}: a HistFactory XML model with its ROOT histograms, written as a pyhf JSON workspace. */
@Command(name = "import-xml", mixinStandardHelpOptions = true,
        description = "Import a HistFactory XML model (Combination file, channel files, ROOT histograms) as a pyhf "
                + "JSON workspace, as pyhf xml2json does.")
final class ImportXmlCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONFIG.xml", description = "The top-level Combination XML file.")
    Path config;

    @Option(names = "--basedir", paramLabel = "DIR", description = "Folder the XML's paths are relative to "
            + "(default: the current folder).")
    Path basedir;

    @Option(names = "--output", required = true, paramLabel = "WS.json", description = "Where to write the workspace.")
    Path output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path base = basedir != null ? basedir : Path.of("");
        Workspace ws = HistFactoryXml.importFile(config, base);
        ws.write(output);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: %d channel(s), %d measurement(s) -> %s%n", config, ws.channels().size(),
                ws.measurements().size(), output);
        out.flush();
        return 0;
    }
}
