package io.incident.parsers.pprof;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory map that ends legacy profiles, as pprof's ParseMemoryMap reads it: /proc/self/maps lines (executable ones
 * kept), the brief {@code start-limit: file} form, and {@code name=value} lines whose {@code $name} later paths use.
 */
final class LegacyMaps {
    private static final Pattern PROC = Pattern.compile(
            "\\s*([0-9a-fA-F]{1,16})-([0-9a-fA-F]{1,16})\\s+([-rwxps]{4})\\s+([0-9a-fA-F]{1,16})\\s+\\S+\\s+\\d+\\s*(.*)");
    private static final Pattern BRIEF = Pattern.compile("\\s*([0-9a-fA-F]{1,16})-([0-9a-fA-F]{1,16}):\\s*(.*)");
    private static final Pattern VARIABLE = Pattern.compile("\\s*(\\w+)=(.*)");

    private final LegacyBuilder b;
    private final Map<String, String> variables = new HashMap<>();

    LegacyMaps(LegacyBuilder b) {
        this.b = b;
    }

    /** Reads one line of the map section; lines of no known form are ignored, as pprof ignores them. */
    void line(String line) {
        Matcher m = PROC.matcher(line);
        if (m.matches()) {
            if (m.group(3).indexOf('x') >= 0) {
                b.mapping(hex(m.group(1)), hex(m.group(2)), hex(m.group(4)), expand(m.group(5).trim()));
            }
            return;
        }
        m = BRIEF.matcher(line);
        if (m.matches()) {
            b.mapping(hex(m.group(1)), hex(m.group(2)), 0, expand(m.group(3).trim()));
            return;
        }
        m = VARIABLE.matcher(line);
        if (m.matches()) {
            variables.put(m.group(1), m.group(2).trim());
        }
    }

    private String expand(String path) {
        String out = path;
        for (Map.Entry<String, String> v : variables.entrySet()) {
            out = out.replace("$" + v.getKey(), v.getValue());
        }
        return out;
    }

    private static long hex(String s) {
        return Long.parseUnsignedLong(s, 16);
    }
}
