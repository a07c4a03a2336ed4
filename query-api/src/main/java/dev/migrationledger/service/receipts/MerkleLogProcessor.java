package dev.migrationledger.service.receipts;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Appends every stored event to the Merkle log, in the order Axon streams them, one processor batch at
 * a time. Its processing group runs as one pooled streaming processor with exactly one segment (see
 * {@link LogProcessingConfig}), so events arrive one after another: global-index order, except that an
 * event whose transaction commits after a higher index is delivered (and logged) when it commits, within
 * the gap timeout. The handler only collects the batch's identifiers; the batch is appended when its unit
 * of work prepares to commit, in the transaction that stores the processor's token. Errors propagate, so
 * a batch is retried, never skipped.
 */
@Component
@ProcessingGroup(MerkleLogProcessor.GROUP)
public class MerkleLogProcessor {

    public static final String GROUP = "merkle-log";
    private static final String BATCH = MerkleLogProcessor.class.getName() + ".batch";

    private final LogAppender appender;

    public MerkleLogProcessor(LogAppender appender) {
        this.appender = appender;
    }

    @EventHandler
    public void on(EventMessage<?> event) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        List<String> batch = unitOfWork.getOrComputeResource(BATCH, key -> {
            List<String> ids = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> appender.append(ids));
            return ids;
        });
        batch.add(event.getIdentifier());
    }
}
