package dev.migrationledger.service.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.api.IdentityRuleChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.ZoneOffset;

/**
 * Keeps {@code identity_rule} equal to the rules in force. Unlike the other read models it runs in a
 * subscribing processor, inside the transaction that records the event ({@link IdentityRulesConfig}):
 * a removed rule must stop admitting tokens when DELETE returns, not when a processor catches up.
 */
@Component
@ProcessingGroup(IdentityRuleProjection.GROUP)
public class IdentityRuleProjection {

    public static final String GROUP = "identity-rules";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    IdentityRuleProjection(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(IdentityRuleChanged event, @SequenceNumber long sequence) throws JsonProcessingException {
        if (event.change() == IdentityRuleChanged.Change.REMOVED) {
            jdbc.update("DELETE FROM identity_rule WHERE rule_id = ?", event.ruleId());
            return;
        }
        jdbc.update("INSERT INTO identity_rule (rule_id, issuer, rule, defined_seq, defined_at, defined_by) "
                        + "VALUES (?, ?, ?::jsonb, ?, ?, ?) ON CONFLICT (rule_id) DO NOTHING",
                event.ruleId(), event.rule().issuer(), json.writeValueAsString(event.rule()), sequence,
                event.recordedAt().atOffset(ZoneOffset.UTC), event.actor());
    }
}
