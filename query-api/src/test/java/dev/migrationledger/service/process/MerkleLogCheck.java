package dev.migrationledger.service.process;

import dev.migrationledger.service.web.Api;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tamper-evident log's own audit (SPEC §7 {@code GET /log/audit}): once the log processor has
 * caught up, every stored event is a leaf and every leaf matches its row.
 */
final class MerkleLogCheck {

    private MerkleLogCheck() {
    }

    static String verify(Api reader, long storedEvents) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Api.Response audit = reader.get("/api/v1/log/audit");
            assertThat(audit.status()).isEqualTo(200);
            assertThat(audit.body().path("checked").asLong()).isEqualTo(storedEvents);
        });
        Api.Response audit = reader.get("/api/v1/log/audit");
        assertThat(audit.body().path("ok").asBoolean()).as(audit.body().toString()).isTrue();
        return "audit ok, " + audit.body().path("checked").asLong() + " leaves checked";
    }
}
