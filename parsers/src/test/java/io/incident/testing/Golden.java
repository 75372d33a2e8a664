package io.incident.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Golden files under {@code src/test/resources}: a mismatch fails with the first differing lines; run with
 * {@code -Dgolden.update=true} to rewrite them from the current output (then review the diff in git).
 */
public final class Golden {
    private Golden() {
    }

    /** @param resource path relative to the module's {@code src/test/resources}, e.g. {@code pcap/vlan.golden.txt} */
    public static void assertMatches(String resource, String actual) throws IOException {
        Path file = Path.of("src", "test", "resources").resolve(resource);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(file)) {
            fail("no golden file " + file + "; run with -Dgolden.update=true to create it");
        }
        String expected = Files.readString(file, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            fail("output differs from " + file + " (rerun with -Dgolden.update=true to accept):\n" + diff(expected, actual));
        }
    }

    static String diff(String expected, String actual) {
        List<String> e = expected.lines().toList();
        List<String> a = actual.lines().toList();
        StringBuilder b = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < Math.max(e.size(), a.size()) && shown < 20; i++) {
            String x = i < e.size() ? e.get(i) : "<none>";
            String y = i < a.size() ? a.get(i) : "<none>";
            if (!x.equals(y)) {
                b.append("line ").append(i + 1).append("\n- ").append(x).append("\n+ ").append(y).append('\n');
                shown++;
            }
        }
        return b.toString();
    }
}
