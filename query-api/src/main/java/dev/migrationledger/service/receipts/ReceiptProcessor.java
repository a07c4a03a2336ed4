package dev.migrationledger.service.receipts;

import dev.migrationledger.ledger.api.MigrationApplied;
import dev.migrationledger.ledger.api.MigrationFailed;
import dev.migrationledger.ledger.api.MigrationRolledBack;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Issues one receipt per recorded fact. The fact's leaf is appended by another processor that may be a
 * little behind, so this one waits for it (bounded) and otherwise fails, which makes Axon retry the event
 * later rather than skip it.
 */
@Component
@ProcessingGroup(ReceiptProcessor.GROUP)
public class ReceiptProcessor {

    public static final String GROUP = "receipts";
    private static final Duration LEAF_WAIT = Duration.ofSeconds(30);

    private final ReceiptService receipts;

    public ReceiptProcessor(ReceiptService receipts) {
        this.receipts = receipts;
    }

    @EventHandler
    public void on(MigrationApplied event) {
        issue(event.project(), event.environment(), event.version(), event.executionId());
    }

    @EventHandler
    public void on(MigrationFailed event) {
        issue(event.project(), event.environment(), event.version(), event.executionId());
    }

    @EventHandler
    public void on(MigrationRolledBack event) {
        issue(event.project(), event.environment(), event.version(), event.executionId());
    }

    private void issue(String project, String environment, String version, String executionId) {
        long deadline = System.nanoTime() + LEAF_WAIT.toNanos();
        while (true) {
            try {
                receipts.issueForFact(project, environment, version, executionId);
                return;
            } catch (ReceiptService.NotYetLogged e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the leaves of " + executionId, e);
            }
        }
    }
}
