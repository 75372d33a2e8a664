package io.incident.parsers;

/**
 * The one fatal error of a reader: the file cannot be read as its kind. Names the file, the place (a byte offset or a
 * line) and what was expected there, so the analyst can open the file at that spot.
 */
public class ArtifactException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String where;
    private final String expected;

    public ArtifactException(String file, String where, String expected) {
        this(file, where, expected, null);
    }

    public ArtifactException(String file, String where, String expected, Throwable cause) {
        super(file + ": " + (where == null || where.isEmpty() ? "" : where + ": ") + expected, cause);
        this.file = file;
        this.where = where == null ? "" : where;
        this.expected = expected;
    }

    /** At a byte offset of the file. */
    public static ArtifactException atByte(String file, long offset, String expected) {
        return new ArtifactException(file, "byte " + offset, expected);
    }

    /** At a 1-based line of the file. */
    public static ArtifactException atLine(String file, long line, String expected) {
        return new ArtifactException(file, "line " + line, expected);
    }

    public String file() {
        return file;
    }

    public String where() {
        return where;
    }

    public String expected() {
        return expected;
    }
}
