package dev.migrationledger.ledger.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** The tool that applied a migration, as recorded on facts. */
public enum Tool {
    LEDGER, FLYWAY, LIQUIBASE, ALEMBIC, PRISMA, OTHER;

    /**
     * Whether the tool gives its changes versions the ledger can use (Flyway's, Prisma's timestamps). Liquibase
     * changesets and Alembic revisions have none: the ledger numbers them in the order it first sees them and
     * keeps that number for the change in every environment.
     */
    public boolean versionsItsChanges() {
        return this != LIQUIBASE && this != ALEMBIC;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static Tool fromWire(String name) {
        if (name == null) {
            return null;
        }
        for (Tool tool : values()) {
            if (tool.wireName().equalsIgnoreCase(name.strip())) {
                return tool;
            }
        }
        throw new IllegalArgumentException("tool is one of ledger, flyway, liquibase, alembic, prisma, other: '" + name + "'");
    }
}
