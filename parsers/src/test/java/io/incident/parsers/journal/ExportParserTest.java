package io.incident.parsers.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time newline search against a plain loop, on bytes chosen to trip the bit trick. */
class ExportParserTest {
    @Test
    void newlineSearchAgreesWithAPlainLoop() {
        byte[] tricky = {'\n', 0x0b, 0x09, 0x00, (byte) 0x8a, (byte) 0xff, 'A', '=', (byte) 0x0a};
        Random random = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(4) == 0 ? tricky[random.nextInt(tricky.length)] : (byte) random.nextInt(256);
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int to = from + random.nextInt(b.length - from + 1);
            int expected = -1;
            for (int i = from; i < to; i++) {
                if (b[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, ExportParser.indexOfNewline(b, from, to), "round " + round);
        }
    }
}
