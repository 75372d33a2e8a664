package io.incident.views.flame;

import io.incident.model.ClockKind;
import io.incident.model.SampleTrack;
import io.incident.model.SampleType;
import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.model.StackTable;

import java.util.List;

/**
 * Builds a model Source with one SampleTrack from stacks written root first as {@code main;work@12;parse}, where
 * {@code @12} is an optional line. The model is this component's input, so tests build it directly.
 */
final class ProfileFixture {
    private final Source.Builder source = Source.builder(new SourceInfo("fixture", SourceKind.PPROF, 0, null),
            ClockKind.RELATIVE);
    private final SampleTrack.Builder track;
    private Source built;

    ProfileFixture(SampleType... types) {
        track = SampleTrack.builder("samples", "profile", List.of(types), 0);
    }

    static ProfileFixture cpu() {
        return new ProfileFixture(new SampleType("samples", "count"), new SampleType("cpu", "nanoseconds"));
    }

    ProfileFixture add(String stack, long... values) {
        return add(stack, SampleTrack.UNTIMED, "main", values);
    }

    ProfileFixture add(String stack, long time, String thread, long... values) {
        track.add(time, source.intern(thread), leaf(stack), values);
        return this;
    }

    /** Adds an untimed sample whose frame names are taken as they are, ';' included. */
    ProfileFixture addFrames(String[] names, long... values) {
        StackTable st = source.stacks();
        int[] frames = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            frames[i] = st.frame(source.intern(names[i]), 0, 0);
        }
        track.add(SampleTrack.UNTIMED, source.intern("main"), st.stack(frames, frames.length), values);
        return this;
    }

    private int leaf(String stack) {
        StackTable st = source.stacks();
        String[] parts = stack.split(";");
        int[] frames = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            int at = p.lastIndexOf('@');
            int line = at < 0 ? 0 : Integer.parseInt(p.substring(at + 1));
            String fn = at < 0 ? p : p.substring(0, at);
            frames[i] = st.frame(source.intern(fn), source.intern("file.go"), line);
        }
        return st.stack(frames, frames.length);
    }

    Source source() {
        if (built == null) {
            built = source.track(track.build()).build();
        }
        return built;
    }

    SampleTrack track() {
        return (SampleTrack) source().tracks().get(0);
    }

    FlameTree tree(int type) {
        return FlameTreeBuilder.build(source(), track(), type, FlameFilter.ALL);
    }

    int stringId(String s) {
        for (int i = 0; i < source().strings().size(); i++) {
            if (source().strings().get(i).equals(s)) {
                return i;
            }
        }
        throw new IllegalArgumentException(s);
    }
}
