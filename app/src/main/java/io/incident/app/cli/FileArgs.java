package io.incident.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code [--json] FILES...} arguments shared by the file commands. */
record FileArgs(boolean json, List<Path> files) {
    static FileArgs parse(String command, List<String> args) throws UsageException {
        boolean json = false;
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--json")) {
                json = true;
            } else if (a.startsWith("-")) {
                throw new UsageException(command + ": unknown option " + a);
            } else {
                files.add(Path.of(a));
            }
        }
        if (files.isEmpty()) {
            throw new UsageException(command + ": name at least one file, folder or bundle");
        }
        return new FileArgs(json, List.copyOf(files));
    }
}
