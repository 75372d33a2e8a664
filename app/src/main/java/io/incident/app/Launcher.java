package io.incident.app;

import io.incident.app.cli.AlignCommand;
import io.incident.app.cli.InspectCommand;
import io.incident.app.cli.UsageException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The single entry point of {@code workbench.jar}. A plain class, not an {@code Application}, so the JavaFX runtime is
 * started from the classpath of a fat jar. Without a subcommand it opens the window; with one it is the command line.
 */
public final class Launcher {
    static final String USAGE = String.join("\n",
            "usage: java -jar workbench.jar [FILES... | CASE.incident]   open the workbench",
            "       java -jar workbench.jar --snapshot OUT.png [--view VIEW] [FILES... | CASE.incident]",
            "           VIEW: timeline | flame[:FILE[:BASELINE][@icicle|@sandwich=FUNCTION]] | any tab id[:ARG]",
            "       java -jar workbench.jar inspect [--json] FILES...",
            "       java -jar workbench.jar findings [--json] (FILES... | --case X.incident)",
            "       java -jar workbench.jar report --out incident.html (FILES... | --case X.incident)",
            "       java -jar workbench.jar align [--json] FILES...   propose clock offsets from events seen twice",
            "       java -jar workbench.jar --version");

    private Launcher() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> a = Arrays.asList(args);
        try {
            if (a.isEmpty()) {
                return Gui.open(List.of());
            }
            switch (a.get(0)) {
                case "--version":
                    out.println(Version.NAME + " " + Version.get());
                    return 0;
                case "--help":
                case "-h":
                    out.println(USAGE);
                    return 0;
                case "inspect":
                    return InspectCommand.run(a.subList(1, a.size()), out, err);
                case "report":
                    return io.incident.app.cli.ReportCommand.run(a.subList(1, a.size()), out, err);
                case "findings":
                    return io.incident.app.cli.FindingsCommand.run(a.subList(1, a.size()), out, err);
                case "align":
                    return AlignCommand.run(a.subList(1, a.size()), out, err);
                case "--snapshot":
                    if (a.size() < 2) {
                        throw new UsageException("--snapshot needs the PNG file to write");
                    }
                    return Gui.snapshot(a.get(1), a.subList(2, a.size()));
                default:
                    if (a.get(0).startsWith("-")) {
                        throw new UsageException("unknown option " + a.get(0));
                    }
                    return Gui.open(a);
            }
        } catch (UsageException e) {
            err.println("workbench: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (Exception e) {
            err.println("workbench: " + e.getMessage());
            return 1;
        }
    }
}
