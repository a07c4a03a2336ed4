package dev.migrationledger.executor.sql;

import dev.migrationledger.ledger.domain.ChangeClass;
import dev.migrationledger.ledger.domain.Risk;
import java.util.List;

/** The change class and risk a script's SQL implies: the most dangerous of its statements decides. */
public record Assessment(ChangeClass changeClass, Risk risk) {

    public static Assessment of(List<SchemaChange> changes) {
        ChangeClass changeClass = ChangeClass.ADDITIVE;
        Risk risk = Risk.LOW;
        for (SchemaChange change : changes) {
            if (change.kind().changeClass().compareTo(changeClass) > 0) {
                changeClass = change.kind().changeClass();
            }
            if (change.kind().risk().compareTo(risk) > 0) {
                risk = change.kind().risk();
            }
        }
        return new Assessment(changeClass, risk);
    }
}
