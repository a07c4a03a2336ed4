package dev.migrationledger.service.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The numbers a process test measured, printed and kept in {@code target/reliability/<name>.txt}:
 * docs/reliability.md quotes them, and a rerun reproduces them.
 */
final class Figures {

    private Figures() {
    }

    static void write(String name, Map<String, Object> figures) {
        StringBuilder text = new StringBuilder(name).append('\n');
        new TreeMap<>(figures).forEach((key, value) -> text.append("  ").append(key).append(": ").append(value).append('\n'));
        System.out.print(text);
        try {
            Path dir = Path.of("target", "reliability");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".txt"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "min / median / max" in milliseconds. */
    static String spread(List<Duration> durations) {
        if (durations.isEmpty()) {
            return "none";
        }
        List<Long> millis = durations.stream().map(Duration::toMillis).sorted().toList();
        return "min " + millis.get(0) + " ms, median " + millis.get(millis.size() / 2) + " ms, max "
                + millis.get(millis.size() - 1) + " ms (n=" + millis.size() + ")";
    }
}
