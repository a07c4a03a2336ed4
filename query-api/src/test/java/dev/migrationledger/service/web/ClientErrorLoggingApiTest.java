package dev.migrationledger.service.web;

import dev.migrationledger.service.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expected client errors are the client's to fix: each is logged in one line saying what was asked and
 * what was answered, never as a stack trace (an unknown project used to cost ~160 lines of Axon's WARN).
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientErrorLoggingApiTest extends LedgerIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void anUnknownProjectAndBadInputAreLoggedInOneLineEach(CapturedOutput output) {
        Api admin = Api.admin(port, currentHome);
        Api ci = admin.as("ci-bot", "ci");
        int mark = output.getOut().length();

        assertThat(ci.post("/api/v1/projects/ghost/environments/dev/executions", Map.of("facts", List.of(Map.of(
                "executionId", "run-1", "version", "1", "checksum", "a".repeat(64), "status", "APPLIED",
                "finishedAt", "2026-05-01T10:00:00Z", "tool", "ledger")))).status()).isEqualTo(404);
        assertThat(ci.get("/api/v1/projects/ghost").status()).isEqualTo(404);
        assertThat(admin.post("/api/v1/projects", Map.of("id", "p", "bogus", 1)).status()).isEqualTo(400);
        assertThat(admin.post("/api/v1/projects", Map.of("id", "line\nINFO forged", "environments",
                List.of(Map.of("name", "dev")))).status()).isEqualTo(400);

        String logged = output.getOut().substring(mark);
        assertThat(logged).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(logged.lines().filter(line -> line.contains("answered 4")).toList()).satisfiesExactly(
                line -> assertThat(line).contains("POST /api/v1/projects/ghost/environments/dev/executions answered 404 Not found: no project 'ghost' is registered"),
                line -> assertThat(line).contains("GET /api/v1/projects/ghost answered 404"),
                line -> assertThat(line).contains("POST /api/v1/projects answered 400 Invalid input: unknown field 'bogus'"),
                line -> assertThat(line).contains("POST /api/v1/projects answered 400"));
        assertThat(logged.lines()).noneMatch(line -> line.startsWith("INFO forged"));
    }
}
