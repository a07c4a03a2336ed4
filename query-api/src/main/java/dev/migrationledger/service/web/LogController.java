package dev.migrationledger.service.web;

import dev.migrationledger.ledger.integrity.ConsistencyProof;
import dev.migrationledger.ledger.integrity.InclusionProof;
import dev.migrationledger.ledger.integrity.MerkleTree;
import dev.migrationledger.ledger.domain.CommandRejectedException;
import dev.migrationledger.ledger.domain.ReasonCode;
import dev.migrationledger.service.receipts.CheckpointIssuer;
import dev.migrationledger.service.receipts.DatabaseLeafHashes;
import dev.migrationledger.service.receipts.LeafTable;
import dev.migrationledger.service.receipts.StoreAudit;
import dev.migrationledger.service.receipts.StoredCheckpoint;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Base64;
import java.util.List;

/** The Merkle log (SPEC §6, §7): signed checkpoints, RFC 9162 proofs and the store audit. */
@RestController
@RequestMapping("/api/v1/log")
public class LogController {

    public record CheckpointResponse(String note, long treeSize, String rootHash, String keyId) {
        static CheckpointResponse of(StoredCheckpoint c) {
            return new CheckpointResponse(c.note(), c.treeSize(), Base64.getEncoder().encodeToString(c.rootHash()), c.keyId());
        }
    }

    public record InclusionResponse(long index, long treeSize, List<String> hashes) {
    }

    public record ConsistencyResponse(long from, long to, List<String> hashes) {
    }

    private final CheckpointIssuer checkpoints;
    private final LeafTable leaves;
    private final StoreAudit audit;

    public LogController(CheckpointIssuer checkpoints, LeafTable leaves, StoreAudit audit) {
        this.checkpoints = checkpoints;
        this.leaves = leaves;
        this.audit = audit;
    }

    @Operation(summary = "The newest signed checkpoint (C2SP signed note) with its size and root (any role)")
    @GetMapping("/checkpoint")
    public CheckpointResponse checkpoint() {
        StoredCheckpoint latest = checkpoints.latest();
        if (latest == null) {
            latest = checkpoints.issue();
        }
        if (latest == null) {
            throw notFound("the log is empty: no checkpoint has been signed");
        }
        return CheckpointResponse.of(latest);
    }

    @Operation(summary = "Sign a checkpoint of the whole log now (auditor, admin)")
    @PostMapping("/checkpoint")
    public CheckpointResponse issue() {
        StoredCheckpoint issued = checkpoints.issue();
        if (issued == null) {
            throw notFound("the log is empty: there is nothing to sign");
        }
        return CheckpointResponse.of(issued);
    }

    @Operation(summary = "RFC 9162 inclusion proof of leaf index in the tree of the given size (≤ newest checkpoint)")
    @GetMapping("/proof/inclusion")
    public InclusionResponse inclusion(@RequestParam long index, @RequestParam long size) {
        requireSigned(size, "size");
        if (index < 0 || index >= size) {
            throw invalid("index must be in [0, size)", "index");
        }
        InclusionProof proof = MerkleTree.inclusionProof(new DatabaseLeafHashes(leaves, size), index, size);
        return new InclusionResponse(index, size, base64(proof.hashes()));
    }

    @Operation(summary = "RFC 9162 consistency proof between two tree sizes (≤ newest checkpoint)")
    @GetMapping("/proof/consistency")
    public ConsistencyResponse consistency(@RequestParam long from, @RequestParam long to) {
        requireSigned(to, "to");
        if (from < 1 || from > to) {
            throw invalid("from must be in [1, to]", "from");
        }
        ConsistencyProof proof = MerkleTree.consistencyProof(new DatabaseLeafHashes(leaves, to), from, to);
        return new ConsistencyResponse(from, to, base64(proof.hashes()));
    }

    @Operation(summary = "Recompute every leaf from the stored events and the root at every checkpoint (any role)")
    @GetMapping("/audit")
    public StoreAudit.Report audit() {
        return audit.run();
    }

    private void requireSigned(long size, String field) {
        StoredCheckpoint latest = checkpoints.latest();
        long signed = latest == null ? 0 : latest.treeSize();
        if (size < 1 || size > signed) {
            throw invalid(field + " must be between 1 and the newest checkpoint's size, " + signed, field);
        }
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(Base64.getEncoder()::encodeToString).toList();
    }

    private static CommandRejectedException invalid(String message, String field) {
        return new CommandRejectedException(ReasonCode.INVALID_INPUT.reason(message, field));
    }

    private static RuntimeException notFound(String message) {
        return new LogNotFound(message);
    }

    /** A 404 without a rule behind it; see {@link ProblemAdvice}. */
    static final class LogNotFound extends RuntimeException {
        LogNotFound(String message) {
            super(message);
        }
    }
}
