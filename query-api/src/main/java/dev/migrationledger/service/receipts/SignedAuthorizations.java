package dev.migrationledger.service.receipts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.api.AuthorizationGrant;
import dev.migrationledger.ledger.integrity.DsseEnvelope;
import dev.migrationledger.ledger.integrity.LogSigningKey;
import dev.migrationledger.ledger.integrity.SignedAuthorization;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signed authorization of each authorizing execution, signed once with the log key and kept: a replayed
 * request and every receipt get the envelope the executor first received. Signing is deterministic (Ed25519
 * over a payload derived only from the recorded grant), so two replicas racing for the first answer sign the
 * same bytes; the first insert wins either way. Stored rather than re-signed on demand because a key rotation
 * discards the private key that signed it (docs/integrity.md).
 */
@Component
public class SignedAuthorizations {

    private final JdbcTemplate jdbc;
    private final LogKeys keys;
    private final ObjectMapper json;

    public SignedAuthorizations(JdbcTemplate jdbc, LogKeys keys, ObjectMapper json) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.json = json;
    }

    /** The envelope of this grant: the stored one, else signed now with the current key and stored. */
    public DsseEnvelope envelopeFor(AuthorizationGrant grant) {
        return stored(grant.project(), grant.executionId()).orElseGet(() -> {
            LogSigningKey key = keys.current();
            DsseEnvelope envelope = SignedAuthorization.sign(grant, key);
            jdbc.update("INSERT INTO signed_authorization (project, execution_id, envelope, key_id, signed_at) "
                            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (project, execution_id) DO NOTHING",
                    grant.project(), grant.executionId(), write(envelope), key.publicKey().keyIdHex(),
                    Instant.now().atOffset(ZoneOffset.UTC));
            return stored(grant.project(), grant.executionId()).orElseThrow();
        });
    }

    /** The stored envelopes of these executions of one project, by execution id, in one statement. */
    public Map<String, DsseEnvelope> stored(String project, Collection<String> executionIds) {
        Map<String, DsseEnvelope> found = new HashMap<>();
        if (executionIds.isEmpty()) {
            return found;
        }
        jdbc.query(con -> {
            PreparedStatement statement = con.prepareStatement("SELECT execution_id, envelope FROM signed_authorization "
                    + "WHERE project = ? AND execution_id = ANY(?)");
            statement.setString(1, project);
            statement.setArray(2, con.createArrayOf("varchar", executionIds.toArray(String[]::new)));
            return statement;
        }, rs -> {
            found.put(rs.getString(1), read(rs.getString(2)));
        });
        return found;
    }

    public Optional<DsseEnvelope> stored(String project, String executionId) {
        List<String> found = jdbc.queryForList("SELECT envelope FROM signed_authorization WHERE project = ? "
                + "AND execution_id = ?", String.class, project, executionId);
        return found.stream().findFirst().map(this::read);
    }

    private String write(DsseEnvelope envelope) {
        try {
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an envelope is plain records and always serializes", e);
        }
    }

    private DsseEnvelope read(String text) {
        try {
            return json.readValue(text, DsseEnvelope.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored signed authorization no longer reads as an envelope", e);
        }
    }
}
