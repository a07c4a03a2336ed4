package dev.migrationledger.service.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.ledger.integrity.Verdict;
import dev.migrationledger.service.LedgerIntegrationTest;
import dev.migrationledger.service.web.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A rotated key signs what comes next; what the retired key signed still verifies with it, from GET /keys. */
// A context of its own (fresh database and LEDGER_HOME): Spring would otherwise hand this class a cached
// context of another class, whose data and admin token are not what currentHome points at.
@TestPropertySource(properties = "ledger.test-context=KeyRotationTest")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KeyRotationTest extends LedgerIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void aReceiptIssuedBeforeARotationStillVerifiesWithTheRetiredKey() throws Exception {
        Api admin = Api.admin(port, currentHome);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(currentHome.resolve("ledger-key.pem"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(currentHome.resolve("ledger-pub.pem"))).startsWith("-----BEGIN PUBLIC KEY-----");
        ReceiptLifecycle lifecycle = new ReceiptLifecycle(admin, "rotating-db");
        List<String> ids = lifecycle.run();
        byte[] before = lifecycle.receipt(ids.get(1));
        String oldKeyId = admin.get("/api/v1/keys").body().path("current").asText();

        assertThat(lifecycle.ci.post("/api/v1/keys/rotate", null).status()).isEqualTo(403);
        Api.Response rotated = admin.post("/api/v1/keys/rotate", null);
        assertThat(rotated.status()).as(rotated.body().toString()).isEqualTo(201);
        String newKeyId = rotated.body().path("keyId").asText();
        assertThat(newKeyId).isNotEqualTo(oldKeyId);

        JsonNode keys = lifecycle.ci.get("/api/v1/keys").body();
        assertThat(keys.path("current").asText()).isEqualTo(newKeyId);
        assertThat(keys.path("keys").findValuesAsText("keyId")).containsExactlyInAnyOrder(oldKeyId, newKeyId);
        for (JsonNode key : keys.path("keys")) {
            assertThat(key.path("validFrom").isMissingNode()).isFalse();
            assertThat(key.path("validUntil").isMissingNode() || key.path("validUntil").isNull())
                    .isEqualTo(key.path("keyId").asText().equals(newKeyId));
        }

        Verdict old = lifecycle.verify(before, lifecycle.key(oldKeyId));
        assertThat(old.proven()).as(old.render()).isTrue();
        assertThat(lifecycle.verify(before, lifecycle.key(newKeyId)).proven()).isFalse();

        // the rotation is an event of the log, and receipts from now on are signed by the new key
        await().atMost(Duration.ofSeconds(20)).until(() -> lifecycle.ci.get("/api/v1/log/audit").body().path("checked").asLong()
                >= lifecycle.ci.get("/api/v1/log/checkpoint").body().path("treeSize").asLong());
        byte[] after = lifecycle.onDemand("prod").raw().body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // the prod authorization was signed before the rotation and is included as the executor received it
        Verdict fresh = lifecycle.verify(after, lifecycle.key(newKeyId), lifecycle.key(oldKeyId));
        assertThat(fresh.proven()).as(fresh.render()).isTrue();
        assertThat(lifecycle.verify(after, lifecycle.key(newKeyId)).failures()).extracting(Verdict.Check::name)
                .containsExactly("signed authorization signature");
        assertThat(Files.readString(currentHome.resolve("ledger-pub.pem"))).isEqualTo(lifecycle.key(newKeyId).toPem());
    }
}
