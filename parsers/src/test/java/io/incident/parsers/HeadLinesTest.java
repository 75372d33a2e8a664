package io.incident.parsers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Head#lines} splits at line ends as {@code split("\r?\n")} of the decoded head would, dropping a cut last line. */
class HeadLinesTest {
    private static String[] bySplit(byte[] bytes, int max) {
        String[] all = new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1);
        int n = all.length;
        if (n > 1 && bytes.length == Head.SIZE) {
            n--;
        }
        return Arrays.copyOf(all, Math.min(n, max));
    }

    @Test
    void agreesWithSplittingTheDecodedText() {
        Random random = new Random(42);
        byte[] alphabet = "ab \t\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] multibyte = "é→😀".getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 2000; round++) {
            int length = round % 50 == 0 ? Head.SIZE : random.nextInt(200);
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                int pick = random.nextInt(20);
                bytes[i] = pick < alphabet.length ? alphabet[pick] : pick < 18 ? multibyte[random.nextInt(multibyte.length)]
                        : (byte) random.nextInt(256);
            }
            int max = 1 + random.nextInt(70);
            Head head = new Head(bytes, false, length);
            assertArrayEquals(bySplit(bytes, max), head.lines(max), "round " + round + ", max " + max);
        }
    }

    @Test
    void keepsALoneLineOfAFullHeadAndDropsACutLastOne() {
        byte[] full = new byte[Head.SIZE];
        Arrays.fill(full, (byte) 'x');
        assertArrayEquals(new String[] {"x".repeat(Head.SIZE)}, new Head(full, false, Head.SIZE * 2L).lines(5));
        full[3] = '\n';
        assertArrayEquals(new String[] {"xxx"}, new Head(full, false, Head.SIZE * 2L).lines(5));
        byte[] whole = "one\r\ntwo\n".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(new String[] {"one", "two", ""}, new Head(whole, false, whole.length).lines(5));
        assertArrayEquals(new String[] {"one"}, new Head(whole, false, whole.length).lines(1));
    }
}
