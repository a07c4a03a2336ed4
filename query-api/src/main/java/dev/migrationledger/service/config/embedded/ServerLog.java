package dev.migrationledger.service.config.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The embedded server's own log ({@code pgdata/log}): its last lines explain a failed start. */
final class ServerLog {

    private static final int LINES = 15;

    private ServerLog() {
    }

    /** The last lines of the newest log file, as a block to append to a message; empty when there is none. */
    static String tail(Path dataDirectory) {
        Path dir = dataDirectory.resolve("log");
        if (!Files.isDirectory(dir)) {
            return "";
        }
        try (Stream<Path> files = Files.list(dir)) {
            Path newest = files.filter(Files::isRegularFile)
                    .max(Comparator.comparing(ServerLog::modified)).orElse(null);
            if (newest == null) {
                return "";
            }
            List<String> lines = new String(Files.readAllBytes(newest), StandardCharsets.UTF_8).lines().toList();
            return "\nlast lines of " + newest + ":\n  "
                    + String.join("\n  ", lines.subList(Math.max(0, lines.size() - LINES), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
