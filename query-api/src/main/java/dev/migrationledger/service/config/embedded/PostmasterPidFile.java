package dev.migrationledger.service.config.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code postmaster.pid}, the lock file a PostgreSQL server keeps in its data directory while it runs:
 * its first line is the postmaster's PID, its fourth the port. A server that stopped cleanly removed it;
 * one that was killed left it behind.
 */
record PostmasterPidFile(long pid, int port) {

    static final String NAME = "postmaster.pid";

    static Optional<PostmasterPidFile> in(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve(NAME));
            long pid = Long.parseLong(lines.get(0).strip());
            int port = lines.size() > 3 && !lines.get(3).isBlank() ? Integer.parseInt(lines.get(3).strip()) : 0;
            return Optional.of(new PostmasterPidFile(pid, port));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            // being written at this very moment, or truncated by a crash: PostgreSQL itself decides on it
            return Optional.empty();
        }
    }
}
