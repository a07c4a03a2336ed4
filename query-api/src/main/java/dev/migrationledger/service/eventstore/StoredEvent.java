package dev.migrationledger.service.eventstore;

import dev.migrationledger.ledger.integrity.LeafFields;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One row of {@code domain_event_entry} exactly as stored: what receipts and the audit stream read. Leaves are
 * built from these bytes, never from a deserialized message, so that what the log commits to is what the store
 * holds.
 */
public record StoredEvent(long globalIndex, String eventId, String aggregateId, long sequenceNumber,
                          String payloadType, String payloadRevision, byte[] payload, byte[] metadata,
                          String timestamp) {

    /** The columns {@link #read(ResultSet)} expects, in order. */
    public static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, "
            + "payload_type, payload_revision, payload, meta_data, time_stamp";

    public static StoredEvent read(ResultSet rs) throws SQLException {
        byte[] metadata = rs.getBytes(8);
        return new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getBytes(7), metadata == null ? new byte[0] : metadata, rs.getString(9));
    }

    public LeafFields leafFields(String origin) {
        return LeafFields.of(origin, globalIndex, eventId, aggregateId, sequenceNumber, payloadType, payloadRevision,
                payload, metadata, timestamp);
    }

    /** The event's simple type name, as receipts name it ({@code MigrationApplied}). */
    public String simpleType() {
        int dot = Math.max(payloadType.lastIndexOf('.'), payloadType.lastIndexOf('$'));
        return payloadType.substring(dot + 1);
    }
}
