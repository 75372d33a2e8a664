package io.incident.app.cli;

/** Wrong command-line words: exit code 2 and the message on stderr. */
public class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
