package dev.migrationledger.service.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.api.IdentityRule;
import dev.migrationledger.ledger.domain.IdentityRuleMatcher.DefinedRule;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The identity rules in force, as {@link IdentityRuleProjection} keeps them in {@code identity_rule}. */
@Component
public class IdentityRules {

    /** One rule as listed by {@code GET /identity-rules}. */
    public record Listed(String id, IdentityRule rule, Instant definedAt, String definedBy) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    IdentityRules(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The rules of one issuer, oldest first: the order in which they are tried. */
    public List<DefinedRule> forIssuer(String issuer) {
        return jdbc.query("SELECT rule_id, rule::text AS rule, defined_at, defined_by FROM identity_rule "
                        + "WHERE issuer = ? ORDER BY defined_seq", rows(), issuer).stream()
                .map(l -> new DefinedRule(l.id(), l.rule())).toList();
    }

    public List<Listed> list() {
        return jdbc.query("SELECT rule_id, rule::text AS rule, defined_at, defined_by FROM identity_rule ORDER BY defined_seq",
                rows());
    }

    public Optional<Listed> find(String id) {
        return jdbc.query("SELECT rule_id, rule::text AS rule, defined_at, defined_by FROM identity_rule WHERE rule_id = ?",
                rows(), id).stream().findFirst();
    }

    private RowMapper<Listed> rows() {
        return (rs, n) -> {
            try {
                return new Listed(rs.getString("rule_id"), json.readValue(rs.getString("rule"), IdentityRule.class),
                        rs.getObject("defined_at", OffsetDateTime.class).toInstant(), rs.getString("defined_by"));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("identity_rule " + rs.getString("rule_id") + " is unreadable", e);
            }
        };
    }
}
