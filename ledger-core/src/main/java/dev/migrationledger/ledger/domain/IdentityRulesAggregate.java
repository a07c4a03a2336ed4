package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.DefineIdentityRule;
import dev.migrationledger.ledger.api.IdentityRule;
import dev.migrationledger.ledger.api.IdentityRuleChanged;
import dev.migrationledger.ledger.api.IdentityRuleChanged.Change;
import dev.migrationledger.ledger.api.KeyRotated;
import dev.migrationledger.ledger.api.RemoveIdentityRule;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Every identity rule the ledger has, in one aggregate: definitions and removals are few (an admin's
 * work), and one sequence of them makes "which rules held when" a plain reading of the log.
 */
public class IdentityRulesAggregate {

    @AggregateIdentifier
    private String registry;
    private final Map<String, IdentityRule> active = new LinkedHashMap<>();
    private final Set<String> removed = new HashSet<>();

    protected IdentityRulesAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DefineIdentityRule cmd) {
        new InputCheck().key("id", cmd.ruleId()).throwIfInvalid();
        IdentityRule rule = new IdentityRuleCheck().normalize(cmd.rule());
        IdentityRule existing = active.get(cmd.ruleId());
        if (existing != null && existing.equals(rule)) {
            return;
        }
        if (existing != null || removed.contains(cmd.ruleId())) {
            throw new CommandRejectedException(ReasonCode.IDEMPOTENCY_CONFLICT.reason(
                    "identity rule " + cmd.ruleId() + " was defined before with other content", "id"));
        }
        Instant now = GenericEventMessage.clock.instant();
        apply(new IdentityRuleChanged(KeyRotated.LOG_SCOPE, cmd.ruleId(), Change.DEFINED, rule, now, now, cmd.actor()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RemoveIdentityRule cmd) {
        IdentityRule rule = active.get(cmd.ruleId());
        if (rule == null) {
            throw new CommandRejectedException(ReasonCode.INVALID_INPUT.reason(removed.contains(cmd.ruleId())
                    ? "identity rule " + cmd.ruleId() + " was already removed" : "no identity rule " + cmd.ruleId(), "id"));
        }
        Instant now = GenericEventMessage.clock.instant();
        apply(new IdentityRuleChanged(KeyRotated.LOG_SCOPE, cmd.ruleId(), Change.REMOVED, rule, now, now, cmd.actor()));
    }

    @EventSourcingHandler
    void on(IdentityRuleChanged event) {
        registry = IdentityRuleChanged.REGISTRY;
        if (event.change() == Change.DEFINED) {
            active.put(event.ruleId(), event.rule());
        } else {
            active.remove(event.ruleId());
            removed.add(event.ruleId());
        }
    }
}
