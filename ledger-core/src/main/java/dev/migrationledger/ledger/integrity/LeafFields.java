package dev.migrationledger.ledger.integrity;

import dev.migrationledger.ledger.domain.Checksum;
import java.util.regex.Pattern;

/**
 * The fields of one log leaf (SPEC §6.1): what a stored event commits to. The payload and metadata are
 * committed by their SHA-256 so a receipt can carry the bytes beside the leaf and a verifier can tie them.
 *
 * @param payloadRevision null when the event type has no revision (encoded as the empty string)
 * @param timestamp       the event timestamp exactly as stored (RFC 3339, UTC)
 */
public record LeafFields(String origin, long globalIndex, String eventId, String aggregateId, long sequenceNumber,
                         String payloadType, String payloadRevision, String payloadSha256, String metadataSha256,
                         String timestamp) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public LeafFields {
        requireText(origin, "origin");
        requireText(eventId, "eventId");
        requireText(aggregateId, "aggregateId");
        requireText(payloadType, "payloadType");
        requireText(timestamp, "timestamp");
        if (globalIndex < 0 || sequenceNumber < 0) {
            throw new IllegalArgumentException("global index and sequence number are never negative");
        }
        if (payloadSha256 == null || !SHA256_HEX.matcher(payloadSha256).matches()
                || metadataSha256 == null || !SHA256_HEX.matcher(metadataSha256).matches()) {
            throw new IllegalArgumentException("payload and metadata digests are lowercase hex SHA-256");
        }
        // One representation of "no revision", so that decode(encode(x)) equals x.
        payloadRevision = payloadRevision == null || payloadRevision.isEmpty() ? null : payloadRevision;
    }

    /** The fields of a stored event, hashing its payload and metadata bytes as stored. */
    public static LeafFields of(String origin, long globalIndex, String eventId, String aggregateId, long sequenceNumber,
                                String payloadType, String payloadRevision, byte[] payload, byte[] metadata,
                                String timestamp) {
        return new LeafFields(origin, globalIndex, eventId, aggregateId, sequenceNumber, payloadType, payloadRevision,
                Checksum.ofBytes(payload).hex(), Checksum.ofBytes(metadata).hex(), timestamp);
    }

    /** The leaf bytes of SPEC §6.1. */
    public byte[] encode() {
        return LeafEncoding.encode(this);
    }

    /** Parses leaf bytes, rejecting anything that {@link #encode()} would not have produced. */
    public static LeafFields decode(byte[] leaf) {
        return LeafEncoding.decode(leaf);
    }

    public boolean matchesPayload(byte[] payload) {
        return payloadSha256.equals(Checksum.ofBytes(payload).hex());
    }

    public boolean matchesMetadata(byte[] metadata) {
        return metadataSha256.equals(Checksum.ofBytes(metadata).hex());
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a leaf needs a " + name);
        }
    }
}
