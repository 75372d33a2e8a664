package io.incident.app.store;

import java.time.Instant;

/**
 * An analyst's note or bookmark. It may be anchored to a time ({@code start}), a range ({@code start}..{@code end}) or an
 * event ({@code artifactId}/{@code track}/{@code event}); unanchored fields are null.
 */
public record Note(long id, Instant created, Instant updated, String title, String text, Long start, Long end,
                   Long artifactId, Integer track, Integer event) {
    public Note {
        title = title == null ? "" : title;
        text = text == null ? "" : text;
    }

    /** Derived from {@code start}; not stored, so a stored note reads back (Jackson would write it as a property). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isBookmark() {
        return start != null;
    }

    public Note withText(String newTitle, String newText, Instant now) {
        return new Note(id, created, now, newTitle, newText, start, end, artifactId, track, event);
    }
}
