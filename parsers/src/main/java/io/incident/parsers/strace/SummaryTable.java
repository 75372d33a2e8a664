package io.incident.parsers.strace;

import io.incident.model.InstantTrack;
import io.incident.model.Source;
import java.nio.charset.StandardCharsets;

/**
 * The table {@code strace -c} prints (and -C after the trace): one instant per row at the time the table was written,
 * label = syscall (or "total"), args = the columns "% time", "seconds", "usecs/call", "calls", "errors".
 */
final class SummaryTable {
    private final Source.Builder builder;
    private final InstantTrack.Builder rows = InstantTrack.builder("strace -c summary", "summary");
    private boolean active;

    SummaryTable(Source.Builder builder) {
        this.builder = builder;
    }

    static boolean isHeader(byte[] b, int s, int e) {
        return StraceLineParser.startsWith(b, s, e, "% time");
    }

    boolean active() {
        return active;
    }

    /** Takes the line when it belongs to a table; false hands it back to the trace parser. */
    boolean line(byte[] b, int s, int e, long time) {
        if (isHeader(b, s, e)) {
            active = true;
            return true;
        }
        String text = new String(b, s, e - s, StandardCharsets.UTF_8).strip();
        if (text.startsWith("------")) {
            return true;
        }
        String[] f = text.split("\\s+");
        if ((f.length == 5 || f.length == 6) && numeric(f, f.length - 1)) {
            String errorsColumn = f.length == 6 ? f[4] : "0";
            String name = f[f.length - 1];
            rows.add(time, builder.intern(name), builder.args("% time", f[0], "seconds", f[1], "usecs/call", f[2],
                    "calls", f[3], "errors", errorsColumn));
            if (name.equals("total")) {
                active = false;
            }
            return true;
        }
        active = false;
        return false;
    }

    private static boolean numeric(String[] f, int count) {
        for (int i = 0; i < count; i++) {
            if (!f[i].matches("[0-9]+(\\.[0-9]+)?")) {
                return false;
            }
        }
        return true;
    }

    void build() {
        if (rows.size() > 0) {
            builder.track(rows.build());
        }
    }
}
