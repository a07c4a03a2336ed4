package dev.migrationledger.executor.cli;

import dev.migrationledger.executor.client.LedgerClient;
import dev.migrationledger.executor.client.RetryPolicy;
import picocli.CommandLine.Option;

/** The connection to the ledger service, shared by every command that talks to it (a picocli mixin). */
public final class LedgerOptions {

    @Option(names = "--url", defaultValue = "${env:LEDGER_URL}",
            description = "Ledger service base URL, e.g. https://ledger.example.com. Env: LEDGER_URL.")
    String url;

    @Option(names = "--token", defaultValue = "${env:LEDGER_TOKEN}",
            description = "Bearer token (role ci for writes). Env: LEDGER_TOKEN. Prefer the variable: flags show up in ps.")
    String token;

    @Option(names = "--retries", defaultValue = "${env:LEDGER_RETRIES}",
            description = "Attempts per request before the ledger counts as unreachable (default 5). Env: LEDGER_RETRIES.")
    Integer retries;

    /** @throws IllegalArgumentException when URL or token is missing or malformed (a usage error, exit 2) */
    LedgerClient client() {
        RetryPolicy policy = RetryPolicy.fromEnvironment(System.getenv());
        if (retries != null) {
            policy = new RetryPolicy(retries, policy.initialDelay(), policy.maxDelay());
        }
        return new LedgerClient(url, token, policy);
    }
}
