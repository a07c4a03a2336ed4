package dev.migrationledger.executor.cli;

import dev.migrationledger.executor.flyway.TargetDatabase;
import picocli.CommandLine.Option;

/**
 * The target database of the commands that connect to it (a picocli mixin). Its password is read from
 * LEDGER_DB_PASSWORD only: a flag would show it in {@code ps}.
 */
public final class TargetOptions {

    @Option(names = "--db", required = true, defaultValue = "${env:LEDGER_DB_URL}",
            description = "Target JDBC URL, jdbc:postgresql://host:5432/db. Env: LEDGER_DB_URL.")
    String url;

    @Option(names = "--db-user", defaultValue = "${env:LEDGER_DB_USER}", description = "Target user. Env: LEDGER_DB_USER.")
    String user;

    TargetDatabase database() {
        return new TargetDatabase(url, user, System.getenv("LEDGER_DB_PASSWORD"));
    }
}
