package dev.migrationledger.executor.flyway;

import java.io.PrintWriter;

/**
 * Per-migration progress lines on stderr, {@code [ledger] 1.2 add widgets … applied in 120 ms}. On an
 * interactive terminal the "applying" line is overwritten by its outcome; in CI logs (no console, or
 * {@code CI=true}) every line is plain, since carriage returns garble log viewers.
 */
public final class Progress {

    private final PrintWriter err;
    private final boolean interactive;

    public Progress(PrintWriter err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    public static boolean interactiveTerminal() {
        return System.console() != null && !"true".equalsIgnoreCase(System.getenv("CI"));
    }

    public void info(String message) {
        err.println("[ledger] " + message);
        err.flush();
    }

    void applying(String key, String description) {
        if (interactive) {
            err.print("\r[ledger] " + key + " " + description + " … applying");
            err.flush();
        }
    }

    void finished(String key, String description, String outcome, long millis) {
        String line = "[ledger] " + key + " " + description + " … " + outcome + " in " + millis + " ms";
        err.print(interactive ? "\r" + line + "\u001b[K" + System.lineSeparator() : line + System.lineSeparator());
        err.flush();
    }
}
