package io.incident.parsers.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.incident.model.ModelText;
import io.incident.model.Source;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The argument text of every call, which the reader keeps as bytes and interns only when the call is emitted.
 * {@code sh_loop_s300.strace} was made in an empty directory with {@code env -i PATH=/usr/bin:/bin strace -f -tt -T -y
 * -s 300 -o sh_loop_s300.strace sh -c 'for i in 1 2 3 4 5 6; do echo héllo; done > /dev/null; printf "%0300d\n" 0 >
 * /dev/null; cat /etc/hostname > /dev/null; cat /no/such/file 2>/dev/null'} (strace 6.1): six equal writes, reads and
 * writes longer than the 200 characters kept, failed calls, and vforks, execves and wait4s split into unfinished and
 * resumed lines.
 */
class StraceArgTextTest {
    private static final Path FILE = Path.of("src/test/resources/strace/sh_loop_s300.strace");
    /** pid, time, then a complete call, an unfinished one, or a resumption; the result is found from the end. */
    private static final Pattern CALL = Pattern.compile(
            "^(\\d+) \\S+ (?:<\\.\\.\\. (\\w+) resumed>|(\\w+)\\()(.*?)(?: <unfinished \\.\\.\\.>|\\) += [^=]*)$");

    @TempDir
    Path dir;

    @Test
    void everyCallKeepsTheTextBetweenItsParenthesesCutTo200Characters() throws Exception {
        Map<String, List<String>> expected = expectedCalls(Files.readAllLines(FILE, StandardCharsets.UTF_8));
        Source s = StraceTesting.read(FILE);
        Map<String, List<String>> read = new HashMap<>();
        for (Track t : s.tracks()) {
            if (t.name().startsWith("syscalls ") && t instanceof SpanTrack st) {
                List<String> calls = new ArrayList<>();
                for (int i = 0; i < st.size(); i++) {
                    calls.add(s.label(st.label(i)) + "(" + s.argsOf(st.args(i)).get("args") + ")");
                }
                read.put(t.name().substring("syscalls ".length()), sorted(calls));
            }
        }
        assertEquals(expected.keySet(), read.keySet());
        expected.forEach((pid, calls) -> assertEquals(sorted(calls), read.get(pid), "pid " + pid));
        // 199 lines: 6 unfinished calls joined with their resumptions, 3 exits and 2 signals are no calls of their own.
        assertEquals(188, expected.values().stream().mapToInt(List::size).sum(), "calls in the file");
        assertEquals(188L, s.summary().get("syscalls"));
    }

    @Test
    void equalArgumentTextsShareOneStringAndOneReadEqualsAByteByByteRead() throws Exception {
        Source s = StraceTesting.read(FILE);
        SpanTrack sh = (SpanTrack) s.tracks().stream().filter(t -> t.name().equals("syscalls 14795")).findFirst()
                .orElseThrow();
        Set<String> echoTexts = new HashSet<>();
        Set<Integer> echoIds = new HashSet<>();
        int echoes = 0;
        for (int i = 0; i < sh.size(); i++) {
            Map<String, String> a = s.argsOf(sh.args(i));
            if (a.get("args").startsWith("1</dev/null>, \"h\\303\\251llo\\n\"")) {
                echoes++;
                echoTexts.add(a.get("args"));
                echoIds.add(argsStringId(s, sh.args(i)));
            }
        }
        assertEquals(6, echoes);
        assertEquals(Set.of("1</dev/null>, \"h\\303\\251llo\\n\", 7"), echoTexts);
        assertEquals(1, echoIds.size(), "six equal texts, one string");
        assertEquals(ModelText.describe(s, Integer.MAX_VALUE),
                ModelText.describe(StraceTesting.readThrottled(FILE, 1), Integer.MAX_VALUE));
    }

    @Test
    void utf8TextFromAnotherWriterIsDecodedAndBrokenBytesAreReplaced() throws Exception {
        // strace escapes what it prints, but a program writing to the same terminal can leave raw UTF-8 in a line.
        Path p = dir.resolve("utf8.strace");
        String text = "7 12:00:00.000001 write(2, \"caf\u00e9 \u65e5\u672c\", 12) = 12 <0.000001>\n"
                + "7 12:00:00.000002 write(2, \"caf\u00e9 \u65e5\u672c\", 12) = 12 <0.000001>\n"
                + "7 12:00:00.000003 write(2, \"\u0001\u0002\", 2) = 2 <0.000001>\n";
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        // 0xc3 opens a two-byte sequence that '(' does not continue: not UTF-8.
        int bad = all.length - "\u0001\u0002\", 2) = 2 <0.000001>\n".length();
        all[bad] = (byte) 0xc3;
        all[bad + 1] = '(';
        Files.write(p, all);
        Source s = StraceTesting.read(p);
        SpanTrack t = (SpanTrack) s.tracks().get(0);
        assertEquals("2, \"caf\u00e9 \u65e5\u672c\", 12", s.argsOf(t.args(0)).get("args"));
        assertEquals(argsStringId(s, t.args(0)), argsStringId(s, t.args(1)));
        assertEquals("2, \"\ufffd(\", 2", s.argsOf(t.args(2)).get("args"));
    }

    private static int argsStringId(Source s, int argSet) {
        int[] pairs = s.args().pairs(argSet);
        for (int i = 0; i < pairs.length; i += 2) {
            if (s.label(pairs[i]).equals("args")) {
                return pairs[i + 1];
            }
        }
        throw new AssertionError("no args in set " + argSet);
    }

    /** "name(args)" per pid as the file's lines say, an unfinished call joined with its resumption. */
    private static Map<String, List<String>> expectedCalls(List<String> lines) {
        Map<String, List<String>> out = new HashMap<>();
        Map<String, String> pending = new HashMap<>();
        for (String line : lines) {
            Matcher m = CALL.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String pid = m.group(1);
            if (m.group(2) != null) {
                String start = pending.remove(pid);
                out.computeIfAbsent(pid, k -> new ArrayList<>()).add(call(start + m.group(4)));
            } else if (line.endsWith(" <unfinished ...>")) {
                pending.put(pid, m.group(3) + "(" + m.group(4));
            } else {
                out.computeIfAbsent(pid, k -> new ArrayList<>()).add(call(m.group(3) + "(" + m.group(4)));
            }
        }
        assertEquals(Map.of(), pending, "every unfinished call of the file is resumed");
        return out;
    }

    /** "name(text" as the model shows it: the text cut to 200 characters, then an ellipsis. */
    private static String call(String nameAndText) {
        int open = nameAndText.indexOf('(');
        String text = nameAndText.substring(open + 1);
        return nameAndText.substring(0, open + 1) + (text.length() > 200 ? text.substring(0, 200) + "\u2026" : text)
                + ")";
    }

    private static List<String> sorted(List<String> calls) {
        List<String> out = new ArrayList<>(calls);
        out.sort(null);
        return out;
    }
}
