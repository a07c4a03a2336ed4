package dev.migrationledger.executor.sql;

import dev.migrationledger.ledger.domain.ChangeClass;
import dev.migrationledger.ledger.domain.Risk;

/**
 * What one statement does to the schema or its data, with the change class and risk it implies when
 * no header declares them. Dropping something that holds data is destructive; rewriting, renaming or
 * tightening what exists is transformative; creating or adding is additive. A {@code DO} block or an
 * unrecognised statement cannot be seen into, so it is assumed to transform.
 */
public enum ChangeKind {
    CREATE_TABLE(ChangeClass.ADDITIVE, Risk.LOW),
    CREATE_INDEX(ChangeClass.ADDITIVE, Risk.MEDIUM),
    CREATE_INDEX_CONCURRENTLY(ChangeClass.ADDITIVE, Risk.LOW),
    CREATE_OTHER(ChangeClass.ADDITIVE, Risk.LOW),
    ADD_COLUMN(ChangeClass.ADDITIVE, Risk.LOW),
    ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT(ChangeClass.ADDITIVE, Risk.MEDIUM),
    ADD_CONSTRAINT(ChangeClass.ADDITIVE, Risk.MEDIUM),
    INSERT_VALUES(ChangeClass.ADDITIVE, Risk.LOW),
    INSERT_SELECT(ChangeClass.ADDITIVE, Risk.LOW),
    GRANT_OR_COMMENT(ChangeClass.ADDITIVE, Risk.LOW),
    SESSION_SETTING(ChangeClass.ADDITIVE, Risk.LOW),
    READ_SETTING(ChangeClass.ADDITIVE, Risk.LOW),
    TRANSACTION_CONTROL(ChangeClass.ADDITIVE, Risk.LOW),
    QUERY(ChangeClass.ADDITIVE, Risk.LOW),

    ALTER_TYPE(ChangeClass.TRANSFORMATIVE, Risk.MEDIUM),
    SET_NOT_NULL(ChangeClass.TRANSFORMATIVE, Risk.MEDIUM),
    DROP_NOT_NULL(ChangeClass.TRANSFORMATIVE, Risk.LOW),
    ALTER_DEFAULT(ChangeClass.TRANSFORMATIVE, Risk.LOW),
    RENAME_TABLE(ChangeClass.TRANSFORMATIVE, Risk.MEDIUM),
    RENAME_COLUMN(ChangeClass.TRANSFORMATIVE, Risk.MEDIUM),
    RENAME_OTHER(ChangeClass.TRANSFORMATIVE, Risk.LOW),
    UPDATE(ChangeClass.TRANSFORMATIVE, Risk.MEDIUM),
    DELETE(ChangeClass.TRANSFORMATIVE, Risk.MEDIUM),
    DROP_CONSTRAINT(ChangeClass.TRANSFORMATIVE, Risk.MEDIUM),
    DROP_INDEX(ChangeClass.TRANSFORMATIVE, Risk.MEDIUM),
    DROP_VIEW(ChangeClass.TRANSFORMATIVE, Risk.MEDIUM),
    DROP_OTHER(ChangeClass.TRANSFORMATIVE, Risk.MEDIUM),
    ALTER_OTHER(ChangeClass.TRANSFORMATIVE, Risk.MEDIUM),
    OPAQUE_BLOCK(ChangeClass.TRANSFORMATIVE, Risk.MEDIUM),
    UNRECOGNISED(ChangeClass.TRANSFORMATIVE, Risk.MEDIUM),

    DROP_TABLE(ChangeClass.DESTRUCTIVE, Risk.HIGH),
    DROP_COLUMN(ChangeClass.DESTRUCTIVE, Risk.HIGH),
    DROP_SCHEMA(ChangeClass.DESTRUCTIVE, Risk.CRITICAL),
    TRUNCATE(ChangeClass.DESTRUCTIVE, Risk.HIGH),
    DELETE_ALL(ChangeClass.DESTRUCTIVE, Risk.HIGH);

    private final ChangeClass changeClass;
    private final Risk risk;

    ChangeKind(ChangeClass changeClass, Risk risk) {
        this.changeClass = changeClass;
        this.risk = risk;
    }

    public ChangeClass changeClass() {
        return changeClass;
    }

    public Risk risk() {
        return risk;
    }
}
