package dev.migrationledger.service.receipts;

import dev.migrationledger.ledger.api.MigrationApplied;
import dev.migrationledger.ledger.api.MigrationFailed;
import dev.migrationledger.ledger.api.MigrationRolledBack;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
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
    private final LeafTable leaves;

    public ReceiptProcessor(ReceiptService receipts, LeafTable leaves) {
        this.receipts = receipts;
        this.leaves = leaves;
    }

    @EventHandler
    public void on(MigrationApplied event, TrackingToken token) {
        issue(event.project(), event.executionId(), token);
    }

    @EventHandler
    public void on(MigrationFailed event, TrackingToken token) {
        issue(event.project(), event.executionId(), token);
    }

    @EventHandler
    public void on(MigrationRolledBack event, TrackingToken token) {
        issue(event.project(), event.executionId(), token);
    }

    private void issue(String project, String executionId, TrackingToken token) {
        long globalIndex = token.position().orElseThrow();
        long deadline = System.nanoTime() + LEAF_WAIT.toNanos();
        while (!leaves.contains(globalIndex)) {
            if (System.nanoTime() > deadline) {
                throw new ReceiptService.NotYetLogged(globalIndex);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for leaf of event " + globalIndex, e);
            }
        }
        receipts.issueForFact(project, executionId);
    }
}
