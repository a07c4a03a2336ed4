package dev.migrationledger.executor.cli;

import dev.migrationledger.executor.client.Credentials;
import dev.migrationledger.executor.client.GitHubIdToken;
import dev.migrationledger.executor.client.IdTokenFile;
import dev.migrationledger.executor.client.LedgerClient;
import dev.migrationledger.executor.client.RetryPolicy;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The connection to the ledger service, shared by every command that talks to it (a picocli mixin). */
public final class LedgerOptions {

    @Option(names = "--url", defaultValue = "${env:LEDGER_URL}",
            description = "Ledger service base URL, e.g. https://ledger.example.com. Env: LEDGER_URL.")
    String url;

    @Option(names = "--token", defaultValue = "${env:LEDGER_TOKEN}",
            description = "Bearer token (role ci for writes). Env: LEDGER_TOKEN. Prefer the variable: flags show up in ps.")
    String token;

    @Option(names = "--oidc", paramLabel = "PLATFORM", defaultValue = "${env:LEDGER_OIDC}",
            description = {"Authenticate as the CI job itself, with no stored secret: github fetches the job's OIDC ID token",
                    "(ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN; the job needs permissions: id-token: write). Env: LEDGER_OIDC."})
    String oidc;

    @Option(names = "--oidc-audience", paramLabel = "AUD", defaultValue = "${env:LEDGER_OIDC_AUDIENCE:-migration-ledger}",
            description = "The aud to ask for with --oidc github: the ledger's configured audience "
                    + "(default: ${DEFAULT-VALUE}). Env: LEDGER_OIDC_AUDIENCE.")
    String oidcAudience;

    @Option(names = "--oidc-token-file", paramLabel = "FILE", defaultValue = "${env:LEDGER_OIDC_TOKEN_FILE}",
            description = {"Authenticate with the OIDC ID token in FILE (GitLab's id_tokens written to a file, or any",
                    "platform that writes one); read again when the ledger refuses it. Env: LEDGER_OIDC_TOKEN_FILE."})
    Path oidcTokenFile;

    @Option(names = "--retries", defaultValue = "${env:LEDGER_RETRIES}",
            description = "Attempts per request before the ledger counts as unreachable (default 5). Env: LEDGER_RETRIES.")
    Integer retries;

    /**
     * The client, with its first token already in hand, so that a job without an ID token fails before
     * anything is done.
     *
     * @throws IllegalArgumentException when URL or credentials are missing or malformed (a usage error, exit 2)
     */
    LedgerClient client() {
        RetryPolicy policy = RetryPolicy.fromEnvironment(System.getenv());
        if (retries != null) {
            policy = new RetryPolicy(retries, policy.initialDelay(), policy.maxDelay());
        }
        return new LedgerClient(url, credentials(policy), policy);
    }

    private Credentials credentials(RetryPolicy policy) {
        boolean github = oidc != null && !oidc.isBlank();
        if (github && oidcTokenFile != null) {
            throw new IllegalArgumentException("--oidc and --oidc-token-file are two ways to get the job's ID token: give one");
        }
        Credentials credentials;
        if (github) {
            if (!"github".equalsIgnoreCase(oidc.strip())) {
                throw new IllegalArgumentException("--oidc knows github; on another platform write the job's ID token "
                        + "to a file and pass --oidc-token-file FILE");
            }
            credentials = GitHubIdToken.fromEnvironment(System.getenv(), oidcAudience, policy);
        } else if (oidcTokenFile != null) {
            credentials = new IdTokenFile(oidcTokenFile);
        } else {
            return Credentials.bearer(token);
        }
        credentials.token();
        return credentials;
    }
}
