package dev.migrationledger.ledger.integrity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The receipt file of SPEC §6.1 ({@value #MEDIA_TYPE}): a DSSE envelope around the in-toto statement, the
 * events it refers to with their stored bytes, one RFC 9162 inclusion proof per event, and the signed
 * checkpoint those proofs lead to. Everything a verifier needs is inside: no network, no database.
 * Binary values are canonical base64 strings, kept as text so the file round-trips byte for byte.
 */
public record Receipt(String mediaType, DsseEnvelope envelope, List<Event> events, List<Proof> proofs,
                      String checkpoint) {

    public static final String MEDIA_TYPE = "application/vnd.migration-ledger.receipt.v1+json";

    /**
     * One stored event. {@code decoded} is the payload as JSON for human readers and policy checks; a
     * verifier only trusts it after checking it equals the parsed {@code payload}.
     */
    public record Event(Long index, String leaf, String payload, String metadata, String type, JsonNode decoded) {

        /** An event entry from its leaf and stored bytes; the payload is the event's Jackson JSON. */
        public static Event of(long index, byte[] leaf, byte[] payload, byte[] metadata, String type) {
            return new Event(index, CanonicalBase64.encode(leaf), CanonicalBase64.encode(payload),
                    CanonicalBase64.encode(metadata), type, ReceiptJson.readTree(payload));
        }
    }

    public record Proof(Long index, Long treeSize, List<String> hashes) {

        static Proof of(InclusionProof proof) {
            return new Proof(proof.index(), proof.treeSize(), proof.hashes().stream().map(CanonicalBase64::encode).toList());
        }
    }

    public Receipt {
        events = events == null ? List.of() : List.copyOf(events);
        proofs = proofs == null ? List.of() : List.copyOf(proofs);
    }

    public byte[] toJson() {
        try {
            return ReceiptJson.MAPPER.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a receipt is plain records and always serializes", e);
        }
    }

    /** @throws IllegalArgumentException when the bytes are not a receipt-shaped JSON document */
    public static Receipt fromJson(byte[] json) {
        return ReceiptJson.read(json, Receipt.class);
    }
}
