package io.incident.parsers.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.model.ModelText;
import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Detection;
import io.incident.parsers.Formats;
import io.incident.parsers.Limits;
import io.incident.parsers.ReadContext;
import io.incident.testing.Corpus;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader contract: detection, gzip, progress and cancellation. */
class ReaderContractTest {
    @TempDir
    Path dir;

    private static Path corpus(String file) {
        Corpus.assume();
        return Corpus.root().resolve(file);
    }

    @Test
    void detectionPicksTheRightReaderAndItsReadGivesTheModel() throws Exception {
        Path pcap = corpus("pcap/made_lo_eth_nano.pcap");
        Path ng = corpus("pcap/made_lo_dumpcap.pcapng");
        Detection d = Formats.detect(pcap);
        assertEquals(SourceKind.PCAP, d.kind());
        assertEquals(SourceKind.PCAPNG, Formats.detect(ng).kind());
        Source s = d.reader().read(Captures.context(pcap));
        assertEquals(2308L, s.summary().get("packets"));
        assertEquals(2308L, Formats.detect(ng).reader().read(Captures.context(ng)).summary().get("packets"));
    }

    @Test
    void gzippedCaptureReadsLikeThePlainOne() throws Exception {
        Path plain = corpus("pcap/derived_lo_tls_only.pcapng");
        Path gz = dir.resolve("tls.pcapng.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }
        assertEquals(SourceKind.PCAPNG, Formats.detect(gz).kind());
        assertEquals(ModelText.describe(Captures.read(plain).source(), 100),
                ModelText.describe(Captures.read(gz).source(), 100).replace("tls.pcapng.gz", plain.getFileName()
                        .toString()));
    }

    @Test
    void progressEndsAtTheFileSize() throws Exception {
        Path p = corpus("pcap/made_lo_eth.pcap");
        List<long[]> calls = new ArrayList<>();
        ReadContext ctx = new ReadContext(p, new SourceInfo("x", SourceKind.PCAP, Files.size(p), ""),
                Limits.DEFAULT, (done, total) -> calls.add(new long[] {done, total}), Cancellation.none());
        PcapReader.readConnections(ctx);
        assertTrue(calls.size() >= 3, "one call per megabyte and a last one");
        assertEquals(Files.size(p), calls.get(calls.size() - 1)[0]);
        assertEquals(Files.size(p), calls.get(calls.size() - 1)[1]);
    }

    @Test
    void cancelledReadStops() {
        Path p = corpus("pcap/made_lo_eth.pcap");
        Cancellation c = Cancellation.none();
        c.cancel();
        ReadContext ctx = new ReadContext(p, new SourceInfo("x", SourceKind.PCAP, 0, ""), Limits.DEFAULT,
                (done, total) -> { }, c);
        assertThrows(CancellationException.class, () -> PcapReader.readConnections(ctx));
    }
}
