package dev.migrationledger.ledger.integrity;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An in-toto attestation Statement v1 (in-toto/attestation spec): the migration script as subject,
 * named by file and identified by its SHA-256 checksum, and the ledger's {@link ReceiptPredicate}.
 */
public record InTotoStatement(@JsonProperty("_type") String type, List<Subject> subject, String predicateType,
                              ReceiptPredicate predicate) {

    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    public static final String RECEIPT_PREDICATE_TYPE = "https://migration-ledger.dev/receipt/v1";

    /** A resource the statement is about; {@code digest} maps algorithm names to lowercase hex. */
    public record Subject(String name, Map<String, String> digest) {
        public Subject {
            digest = digest == null ? Map.of() : Map.copyOf(digest);
        }
    }

    public InTotoStatement {
        subject = subject == null ? List.of() : List.copyOf(subject);
    }

    /** The receipt statement for a script such as {@code V1_1__add_widgets.sql}. */
    public static InTotoStatement forScript(String scriptName, ReceiptPredicate predicate) {
        return new InTotoStatement(STATEMENT_TYPE, List.of(new Subject(scriptName, Map.of("sha256", predicate.checksum()))),
                RECEIPT_PREDICATE_TYPE, predicate);
    }
}
