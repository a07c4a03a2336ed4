package dev.migrationledger.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hottest frames of the service's CPU samples (jdk.ExecutionSample) during a time window — what
 * {@code jfr print --events jdk.ExecutionSample | grep | sort | uniq -c} would give, kept in the results so
 * each run explains its own ingest figure. "Self" is the top frame; "inclusive" counts a method once per
 * sample anywhere on the stack, for the packages that say where the time goes.
 */
final class JfrHotFrames {

    /** Where work happens, not Axon's interceptor and tracing wrappers that sit on every stack. */
    private static final String[] INCLUSIVE_PACKAGES = {"dev.migrationledger.", "org.axonframework.eventsourcing.",
        "org.axonframework.serialization.", "org.axonframework.eventhandling.tokenstore.", "org.postgresql.",
        "com.fasterxml.jackson.databind.ObjectMapper.", "com.zaxxer.hikari.pool.HikariPool.getConnection"};

    private JfrHotFrames() {
    }

    static ObjectNode summarize(Path recording, Instant from, Instant to, int top) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                        || event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                    continue;
                }
                samples++;
                Set<String> seen = new HashSet<>();
                boolean first = true;
                for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                    String name = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
                    if (first) {
                        self.merge(name, 1, Integer::sum);
                        first = false;
                    }
                    if (interesting(name) && seen.add(name)) {
                        inclusive.merge(name, 1, Integer::sum);
                    }
                }
            }
        }
        ObjectNode out = LedgerClient.JSON.createObjectNode();
        out.put("samples", samples);
        out.set("self", top(self, samples, top));
        out.set("inclusive", top(inclusive, samples, top));
        return out;
    }

    private static boolean interesting(String frame) {
        // Lambda shims repeat the method that holds them, adding a line without adding information.
        if (frame.contains("$$Lambda") || frame.contains(".lambda$")) {
            return false;
        }
        for (String p : INCLUSIVE_PACKAGES) {
            if (frame.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static ArrayNode top(Map<String, Integer> counts, int samples, int limit) {
        ArrayNode array = LedgerClient.JSON.createArrayNode();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(e -> array.addObject().put("frame", e.getKey()).put("samples", e.getValue())
                        .put("pct", samples == 0 ? 0 : Math.round(e.getValue() * 1000.0 / samples) / 10.0));
        return array;
    }
}
