package io.incident.parsers.goroutine;

/** A stable rendering of what {@link GoroutineDump} adds to the model, for goldens. */
final class DumpText {
    private DumpText() {
    }

    static String describe(GoroutineDump d, int max) {
        StringBuilder b = new StringBuilder();
        b.append("format ").append(d.format()).append(" goroutines ").append(d.goroutineCount())
                .append(" longestWait ").append(d.longestWaitMinutes()).append(" truncated ").append(d.truncated())
                .append('\n');
        d.panics().forEach(p -> b.append("panic ").append(p).append('\n'));
        d.fatalErrors().forEach(p -> b.append("fatal ").append(p).append('\n'));
        d.signals().forEach(p -> b.append("signal ").append(p).append('\n'));
        d.goroutines().stream().limit(max).forEach(g -> b.append("goroutine ").append(g).append('\n'));
        d.buckets().stream().limit(max).forEach(x -> b.append("bucket ").append(x.count()).append(" [")
                .append(x.state()).append("] wait ").append(x.minWaitMinutes()).append("..").append(x.maxWaitMinutes())
                .append(" top ").append(x.topFunction()).append(" createdBy ").append(x.createdBy())
                .append(x.labels().isEmpty() ? "" : " labels " + x.labels()).append('\n'));
        d.races().forEach(r -> b.append("race ").append(r.report()).append(' ').append(r.heading()).append(" g")
                .append(r.goroutineId()).append(" stack ").append(String.join(" > ", d.functions(r.stack())))
                .append('\n'));
        return b.toString();
    }
}
