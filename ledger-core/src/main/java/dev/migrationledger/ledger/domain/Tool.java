package dev.migrationledger.ledger.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** The tool that applied a migration, as recorded on facts. */
public enum Tool {
    LEDGER, FLYWAY, LIQUIBASE, ALEMBIC, PRISMA, OTHER;

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
