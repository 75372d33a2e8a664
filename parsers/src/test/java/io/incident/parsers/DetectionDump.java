package io.incident.parsers;

import org.junit.jupiter.api.Test;

class DetectionDump {
    @Test
    void dump() throws Exception {
        for (Corpus.Entry e : Corpus.entries()) {
            Detection d = Formats.detect(e.path());
            System.out.println("DET\t" + e.kind() + "\t" + d.kind().id() + "\t" + e.file() + "\t" + d.reason());
        }
    }
}
