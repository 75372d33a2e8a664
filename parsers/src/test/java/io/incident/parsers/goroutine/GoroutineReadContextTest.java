package io.incident.parsers.goroutine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.model.ModelText;
import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Limits;
import io.incident.parsers.ReadContext;
import io.incident.parsers.goroutine.bench.GoroutineBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader through its {@link ReadContext}: progress, cancellation, and the same model as the stream API. */
class GoroutineReadContextTest {
    @TempDir
    Path dir;

    private ReadContext context(Path file, List<long[]> progress, Cancellation cancellation) throws Exception {
        SourceInfo info = new SourceInfo(file.toString(), SourceKind.GOROUTINE_DUMP, Files.size(file), null);
        return new ReadContext(file, info, Limits.DEFAULT, (done, total) -> progress.add(new long[] {done, total}),
                cancellation);
    }

    @Test
    void reportsProgressEveryMegabyteAndMatchesTheStreamApi() throws Exception {
        Path file = dir.resolve("goroutines.debug2.txt");
        GoroutineBench.write(file, 8000);
        long size = Files.size(file);
        List<long[]> progress = new ArrayList<>();
        Source source = new GoroutineDumpReader().read(context(file, progress, Cancellation.none()));
        assertEquals(8001L, source.summary().get("goroutines"));
        assertTrue(progress.size() >= size / (1 << 20), "about one report per MB of " + size + " bytes");
        long[] last = progress.get(progress.size() - 1);
        assertEquals(size, last[0]);
        assertEquals(size, last[1]);
        try (var in = Files.newInputStream(file)) {
            assertEquals(ModelText.describe(GoroutineDumpReader.parse(in, file.toString(), Limits.DEFAULT).source(), 50),
                    ModelText.describe(source, 50));
        }
    }

    @Test
    void stopsWhenCancelled() throws Exception {
        Path file = dir.resolve("goroutines.debug2.txt");
        GoroutineBench.write(file, 2000);
        Cancellation cancellation = Cancellation.none();
        cancellation.cancel();
        ReadContext ctx = context(file, new ArrayList<>(), cancellation);
        assertThrows(CancellationException.class, () -> new GoroutineDumpReader().read(ctx));
    }
}
