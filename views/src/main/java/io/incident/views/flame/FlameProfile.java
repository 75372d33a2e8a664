package io.incident.views.flame;

import io.incident.model.SampleTrack;
import io.incident.model.Source;

import java.util.Objects;

/** A sample track together with the source whose stack and string tables it refers to. */
public record FlameProfile(Source source, SampleTrack track) {
    public FlameProfile {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(track, "track");
        if (!source.tracks().contains(track)) {
            throw new IllegalArgumentException("track '" + track.name() + "' is not a track of " + source.info().path());
        }
    }

    /** The first sample track of a source, or null when it has none. */
    public static FlameProfile firstOf(Source source) {
        return source.tracks().stream().filter(SampleTrack.class::isInstance).map(SampleTrack.class::cast)
                .findFirst().map(t -> new FlameProfile(source, t)).orElse(null);
    }

    FlameTree build(int sampleType, FlameFilter filter) {
        int type = sampleType >= 0 && sampleType < track.types().size() ? sampleType : track.defaultType();
        return FlameTreeBuilder.build(source, track, type, filter);
    }
}
