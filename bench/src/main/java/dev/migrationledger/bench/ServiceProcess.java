package dev.migrationledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import dev.migrationledger.ledger.testing.ServiceLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The real service ({@code query-api/target/query-api.jar}) as a child process on a free port and a fresh
 * database, started the way the executor's end-to-end tests start it. Its heap is fixed ({@link #HEAP})
 * because the peak RSS we report depends on it.
 */
final class ServiceProcess implements AutoCloseable {

    static final String HEAP = "-Xmx512m";

    private final ServiceLauncher launched;
    final LedgerClient client;
    final String adminToken;

    private ServiceProcess(ServiceLauncher launched) {
        this.launched = launched;
        this.client = new LedgerClient(launched.url());
        this.adminToken = launched.adminToken();
    }

    /** @param jfr where to write a flight recording (dumped at exit), or null for none */
    static ServiceProcess start(Path jar, BenchPostgres.Database db, Path home, Path log, Path jfr) throws Exception {
        List<String> jvm = new ArrayList<>(List.of(HEAP));
        if (jfr != null) {
            jvm.add("-XX:StartFlightRecording=filename=" + jfr + ",dumponexit=true,settings=default");
        }
        return new ServiceProcess(new ServiceLauncher(jar, home,
                new ServiceLauncher.Datasource(db.url(), db.user(), db.password()), log, jvm, List.of()));
    }

    /** A fresh token with the given role, as a pipeline or an auditor would hold. */
    String token(String principal, String role) throws Exception {
        return client.api("POST", "/tokens", adminToken,
                "{\"principal\":\"" + principal + "\",\"roles\":[\"" + role + "\"]}").get("token").asText();
    }

    /** Lag per processor from {@code /actuator/health}; -1 where not a number yet (an unclaimed segment). */
    JsonNode processors() throws Exception {
        return client.call("GET", "/actuator/health", null, null).path("components").path("processors").path("details");
    }

    /** Waits until every processor has caught up with the head of the event store. */
    void awaitProjections(long timeoutSeconds) throws Exception {
        Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
        while (!caughtUp(processors())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("projections still lag after " + timeoutSeconds + " s: " + processors());
            }
            Thread.sleep(100);
        }
    }

    static boolean caughtUp(JsonNode processors) {
        boolean any = false;
        for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) processors::fields) {
            if (field.getValue().isObject()) {
                JsonNode lag = field.getValue().path("lag");
                if (!lag.isNumber() || lag.asLong() != 0) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** Peak resident set size so far (VmHWM), in MiB; Linux only, -1 elsewhere. */
    double peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + launched.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        launched.close();
    }
}
