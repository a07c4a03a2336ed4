package dev.migrationledger.service.config.embedded;

import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the embedded PostgreSQL runs ({@code ledger.embedded-postgres.*}; docs/operations.md).
 *
 * @param port         its TCP port on 127.0.0.1; 0: a free port at every start (read it from the log or
 *                     from line 4 of {@code pgdata/postmaster.pid})
 * @param startTimeout how long a start may take; after a crash that includes replaying the WAL
 * @param stopTimeout  how long a fast shutdown may take before it becomes an immediate one
 */
public record EmbeddedPostgresSettings(@DefaultValue("0") int port,
                                       @DefaultValue("PT5M") Duration startTimeout,
                                       @DefaultValue("PT30S") Duration stopTimeout) {

    public static EmbeddedPostgresSettings defaults() {
        return new EmbeddedPostgresSettings(0, Duration.ofMinutes(5), Duration.ofSeconds(30));
    }
}
