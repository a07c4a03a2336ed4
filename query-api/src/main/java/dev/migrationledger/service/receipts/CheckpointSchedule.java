package dev.migrationledger.service.receipts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Signs a checkpoint every {@code ledger.checkpoint-interval} (default 10 s) while the log grows. */
@Component
public class CheckpointSchedule {

    private static final Logger log = LoggerFactory.getLogger(CheckpointSchedule.class);

    private final CheckpointIssuer issuer;

    public CheckpointSchedule(CheckpointIssuer issuer) {
        this.issuer = issuer;
    }

    @Scheduled(fixedDelayString = "${ledger.checkpoint-interval:PT10S}", initialDelayString = "${ledger.checkpoint-interval:PT10S}")
    public void checkpoint() {
        try {
            issuer.issue();
        } catch (RuntimeException e) {
            // The next round tries again; a refusal (inconsistent log) is logged every round until fixed.
            log.error("could not sign a checkpoint: {}", e.getMessage());
        }
    }
}
