package dev.migrationledger.executor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationledger.ledger.api.ExecutionFact;
import dev.migrationledger.ledger.domain.ExecutionStatus;
import dev.migrationledger.ledger.domain.Tool;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LedgerClientTest {

    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50));

    private final FakeLedger ledger = new FakeLedger();

    LedgerClientTest() throws IOException {
    }

    @AfterEach
    void stop() {
        ledger.close();
    }

    private LedgerClient client(RetryPolicy policy) {
        return new LedgerClient(ledger.url(), "secret", policy);
    }

    @Test
    void retriesServiceUnavailableAndHonoursRetryAfter() {
        ledger.unavailable.set(2);
        ledger.retryAfter = "0";

        var result = client(FAST).authorize("p", "dev", "run-1", Map.of("1", "a".repeat(64)), "b".repeat(64), false);

        assertThat(result.authorized()).containsExactly("1");
        assertThat(ledger.requestsTo("/authorizations")).hasSize(3)
                .allSatisfy(r -> assertThat(r.idempotencyKey()).isEqualTo("run-1"))
                .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer secret"));
    }

    @Test
    void givesUpAsUnreachableAfterTheConfiguredAttempts() {
        ledger.unavailable.set(100);

        assertThatThrownBy(() -> client(FAST).authorize("p", "dev", "run-1", Map.of("1", "a".repeat(64)), "b".repeat(64), false))
                .isInstanceOf(LedgerUnreachableException.class).hasMessageContaining("4 attempts").hasMessageContaining("503");
        assertThat(ledger.requests).hasSize(4);
    }

    @Test
    void aClosedPortIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LedgerClient client = new LedgerClient("http://127.0.0.1:" + port, "t", FAST);

        assertThatThrownBy(() -> client.state("p", "dev")).isInstanceOf(LedgerUnreachableException.class)
                .hasMessageContaining("ConnectException");
    }

    @Test
    void aProblemResponseBecomesATypedExceptionWithItsReasons() {
        ledger.planStatus = 422;
        ledger.planBody = "{\"type\":\"about:blank\",\"title\":\"Unprocessable\",\"status\":422,\"detail\":\"rules\","
                + "\"reasons\":[{\"code\":\"CHECKSUM_PINNED\",\"message\":\"version 1 succeeded\",\"field\":\"migrations[0].checksum\"}]}";

        assertThatThrownBy(() -> client(FAST).plan("p", List.of()))
                .isInstanceOfSatisfying(LedgerProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.hasReason("CHECKSUM_PINNED")).isTrue();
                    assertThat(e.reasons().get(0).field()).isEqualTo("migrations[0].checksum");
                    assertThat(e.getMessage()).contains("422 Unprocessable: rules").contains("CHECKSUM_PINNED");
                });
        assertThat(ledger.requests).hasSize(1);
    }

    @Test
    void aFactGoesOutAsTheTextEarlierExecutorsSentSoAnOutboxResendAcrossAnUpgradeIsTheSameRequest() {
        client(FAST).record("p", "dev", List.of(fact("run-1/1", "1", "a")));

        assertThat(ledger.requests.get(0).body().toString()).isEqualTo("{\"facts\":[{\"executionId\":\"run-1/1\","
                + "\"version\":\"1\",\"checksum\":\"" + "a".repeat(64) + "\",\"status\":\"APPLIED\","
                + "\"startedAt\":\"2026-01-01T00:00:00Z\",\"finishedAt\":\"2026-01-01T00:00:01.250Z\",\"error\":null,"
                + "\"gitSha\":null,\"pipelineUrl\":null,\"tool\":\"ledger\",\"schemaFingerprint\":null}]}");
    }

    private static ExecutionFact fact(String executionId, String version, String digit) {
        return new ExecutionFact(executionId, version, digit.repeat(64), ExecutionStatus.APPLIED,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:01.250Z"), null, null, null,
                Tool.LEDGER, null);
    }

    @Test
    void everyWriteCarriesAnIdempotencyKey() {
        ExecutionFact fact = fact("run-1/1", "1", "a");
        client(FAST).record("p", "dev", List.of(fact));
        client(FAST).record("p", "dev", List.of(fact, fact("run-1/2", "2", "b")));
        client(FAST).plan("p", List.of());
        client(FAST).plan("p", List.of());

        assertThat(ledger.requests).extracting(FakeLedger.Request::idempotencyKey).doesNotContainNull();
        assertThat(ledger.requests.get(0).idempotencyKey()).isEqualTo("run-1/1");
        assertThat(ledger.requests.get(1).idempotencyKey()).startsWith("facts-");
        assertThat(ledger.requests.get(2).idempotencyKey()).startsWith("plan-")
                .isEqualTo(ledger.requests.get(3).idempotencyKey());
    }

    @Test
    void missingUrlOrTokenIsAConfigurationError() {
        assertThatThrownBy(() -> new LedgerClient(null, "t", FAST)).hasMessageContaining("LEDGER_URL");
        assertThatThrownBy(() -> new LedgerClient("http://x", " ", FAST)).hasMessageContaining("LEDGER_TOKEN");
    }

    @Test
    void backoffGrowsAndStaysUnderItsCap() {
        RetryPolicy policy = RetryPolicy.DEFAULT;
        long total = 0;
        for (int attempt = 1; attempt < policy.attempts(); attempt++) {
            Duration wait = policy.delayAfter(attempt, null);
            assertThat(wait).isLessThanOrEqualTo(policy.maxDelay());
            total += wait.toMillis();
        }
        assertThat(total).isLessThan(30_000);
        assertThat(policy.delayAfter(1, Duration.ofMinutes(5))).isEqualTo(policy.maxDelay());
    }
}
