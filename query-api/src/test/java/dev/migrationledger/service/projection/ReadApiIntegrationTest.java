package dev.migrationledger.service.projection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.ledger.api.ExecutionFact;
import dev.migrationledger.ledger.api.RecordExecutions;
import dev.migrationledger.ledger.domain.ExecutionStatus;
import dev.migrationledger.ledger.domain.Tool;
import dev.migrationledger.service.LedgerIntegrationTest;
import dev.migrationledger.service.eventstore.Fixtures;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the write side through Axon's gateway and reads through the GET endpoints. */
public abstract class ReadApiIntegrationTest extends LedgerIntegrationTest {

    @Autowired
    protected CommandGateway commands;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected TestRestTemplate http;

    private String adminToken;

    private String adminToken() {
        if (adminToken == null) {
            try {
                adminToken = java.nio.file.Files.readString(currentHome.resolve("admin.token")).strip();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return adminToken;
    }

    /** The one way tests call the API: when reads need a bearer token, it is added here. */
    protected ResponseEntity<JsonNode> call(HttpMethod method, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(adminToken());
        return http.exchange("/api/v1" + path, method, new HttpEntity<>(headers), JsonNode.class);
    }

    protected ResponseEntity<JsonNode> get(String path) {
        return call(HttpMethod.GET, path);
    }

    /** A read that waits for everything this project has written so far, and must not come back stale. */
    protected JsonNode read(String project, String path) {
        ResponseEntity<JsonNode> response = get(path + (path.contains("?") ? "&" : "?") + "minIndex=" + lastIndex(project));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().get("Ledger-Stale")).isNull();
        return response.getBody();
    }

    /** The global index of the project's last stored event: what a write endpoint reports as lastIndex. */
    protected long lastIndex(String project) {
        return jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, project);
    }

    protected static List<String> texts(JsonNode array, String field) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
    }

    protected static ExecutionFact applied(String executionId, String version, String script, String finishedAt) {
        return fact(executionId, version, script, ExecutionStatus.APPLIED, finishedAt, null);
    }

    protected static ExecutionFact fact(String executionId, String version, String script, ExecutionStatus status,
                                        String finishedAt, String error) {
        Instant at = Instant.parse(finishedAt);
        return new ExecutionFact(executionId, version, Fixtures.checksum(script), status, at.minusSeconds(5), at,
                error, "abc123", null, Tool.LEDGER, null);
    }

    protected void record(String project, String environment, ExecutionFact... facts) {
        commands.sendAndWait(new RecordExecutions(project, environment, List.of(facts), "ci-bot"));
    }
}
