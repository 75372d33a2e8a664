package io.incident.app.findings;

import io.incident.app.session.LoadedSource;
import io.incident.model.EventRef;
import io.incident.model.InstantTrack;
import io.incident.model.SourceKind;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** The case as rules see it: its sources in order, each with its clock applied, and small lookups over tracks. */
public final class CaseData {
    private final List<Src> sources = new ArrayList<>();

    public CaseData(List<LoadedSource> loaded) {
        for (int i = 0; i < loaded.size(); i++) {
            sources.add(new Src(i, loaded.get(i)));
        }
    }

    public List<Src> sources() {
        return sources;
    }

    public List<Src> of(SourceKind... kinds) {
        EnumSet<SourceKind> set = EnumSet.noneOf(SourceKind.class);
        set.addAll(List.of(kinds));
        return sources.stream().filter(s -> set.contains(s.kind())).toList();
    }

    public boolean has(SourceKind... kinds) {
        return !of(kinds).isEmpty();
    }

    /** One source of the case, by its position. */
    public static final class Src {
        private final int index;
        private final LoadedSource loaded;

        Src(int index, LoadedSource loaded) {
            this.index = index;
            this.loaded = loaded;
        }

        public int index() {
            return index;
        }

        public LoadedSource loaded() {
            return loaded;
        }

        public SourceKind kind() {
            return loaded.record().kind();
        }

        public String file() {
            return loaded.record().path();
        }

        public String label(int id) {
            return loaded.source().label(id);
        }

        public long caseTime(long raw) {
            return loaded.record().clock().toCase(raw);
        }

        public List<Track> tracks() {
            return loaded.source().tracks();
        }

        /** Index of the first track with this name (and group, when given), or -1. */
        public int track(String name, String group) {
            List<Track> t = tracks();
            for (int i = 0; i < t.size(); i++) {
                if (t.get(i).name().equals(name) && (group == null || t.get(i).group().equals(group))) {
                    return i;
                }
            }
            return -1;
        }

        public Map<String, String> args(Track t, int event) {
            if (t instanceof InstantTrack it) {
                return loaded.source().argsOf(it.args(event));
            }
            if (t instanceof SpanTrack st) {
                return loaded.source().argsOf(st.args(event));
            }
            return Map.of();
        }

        public Evidence evidence(int track, int event, long caseTime, String where, String text) {
            return new Evidence(file(), where, caseTime, text, new EventRef(index, track, event));
        }

        /** Evidence about the source as a whole, pointing at its first event of a track. */
        public Evidence evidence(int track, String where, String text, long caseTime) {
            return new Evidence(file(), where, caseTime, text, new EventRef(index, Math.max(0, track), 0));
        }
    }

    /** "22:10:41.781 UTC", for explanations. */
    static String at(long caseTime) {
        java.time.Instant i = java.time.Instant.ofEpochSecond(Math.floorDiv(caseTime, 1_000_000_000L),
                Math.floorMod(caseTime, 1_000_000_000L));
        return java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(java.time.ZoneOffset.UTC).format(i)
                + " UTC";
    }
}
