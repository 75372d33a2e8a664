package io.incident.views.timeline;

import io.incident.model.Track;
import io.incident.parsers.journal.JournalArgs;
import java.util.Set;

/**
 * Which lanes a collapsed source keeps first: those that carry an incident's usual story (the events a reader picked
 * out by their meaning, resource counters, GC pauses), before generic busy lanes, and other error rates last. The
 * names are the ones the readers document for their tracks (JournalArgs, StraceReader, JfrTracks).
 */
final class StoryLanes {
    /** Lane ranks: lower is kept first. */
    static final int STORY = 0;
    static final int OTHER = 1;
    static final int ROUTINE = 2;

    /** strace: the open-fd count, kills and exits. JFR: GC pauses and heap. */
    private static final Set<String> STORY_TRACKS = Set.of("open fds", "process events", "GC pauses", "heap used");
    /** Journal gctrace: the Go runtime's collections and stop-the-world pauses. */
    private static final Set<String> GO_GC_TRACKS = Set.of("Go GC", "Go GC stop-the-world");
    /** strace errno rates that mean a resource ran out or a peer went away; EAGAIN and the like are routine. */
    private static final Set<String> STORY_ERRNOS = Set.of("EMFILE", "ENFILE", "ENOMEM", "ENOSPC", "ECONNRESET",
            "ECONNREFUSED", "EPIPE", "ETIMEDOUT");
    private static final String ERRNO_RATE = "errors/s ";

    private StoryLanes() {
    }

    static int rank(Lane lane) {
        Track t = lane.track();
        if (t.group().equals(JournalArgs.EVENT_GROUP) || STORY_TRACKS.contains(t.name())
                || t.group().startsWith(JournalArgs.GO_GROUP_PREFIX) && GO_GC_TRACKS.contains(t.name())) {
            return STORY;
        }
        if (t.name().startsWith(ERRNO_RATE)) {
            return STORY_ERRNOS.contains(t.name().substring(ERRNO_RATE.length())) ? STORY : ROUTINE;
        }
        return OTHER;
    }
}
