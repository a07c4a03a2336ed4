package dev.migrationledger.executor.cli;

import dev.migrationledger.ledger.api.ReportedReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrationledger.executor.client.FakeLedger;
import dev.migrationledger.executor.client.GitHubIdToken;
import dev.migrationledger.executor.client.LedgerProblemException;
import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.ledger.testing.OidcTestIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** The connection options' job identity: --oidc github, --oidc-token-file, and what their errors exit with. */
class OidcOptionsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = LedgerCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void aTokenFileIsSentAsTheBearer() throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
        try (OidcTestIssuer gitlab = new OidcTestIssuer(); FakeLedger ledger = new FakeLedger()) {
            String token = gitlab.sign(gitlab.claims("migration-ledger", Map.of("project_path", "acme/billing")));
            Path file = Files.writeString(dir.resolve("token"), token);
            int code = run("plan", "--project", "p", "--dir", dir.toString(), "--url", ledger.url(),
                    "--oidc-token-file", file.toString(), "--no-lint");
            assertThat(code).as(err.toString()).isZero();
            assertThat(ledger.requestsTo("/migrations")).extracting(FakeLedger.Request::authorization)
                    .containsExactly("Bearer " + token);
        }
    }

    @Test
    void oidcGithubOutsideAJobWithIdTokenPermissionExitsTwoSayingWhatToAdd() {
        assumeTrue(System.getenv(GitHubIdToken.REQUEST_URL) == null, "running inside a GitHub job with id-token: write");
        int code = run("status", "--project", "p", "--url", "http://127.0.0.1:9", "--oidc", "github");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("permissions: id-token: write");
    }

    @Test
    void anUnknownPlatformOrTwoSourcesAreUsageErrors() {
        assertThat(run("status", "--project", "p", "--url", "http://127.0.0.1:9", "--oidc", "gitlab")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--oidc-token-file");
        assertThat(run("status", "--project", "p", "--url", "http://127.0.0.1:9", "--oidc", "github",
                "--oidc-token-file", "t")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void actingOutsideTheIdentitysScopeIsADenialByPolicy() {
        LedgerProblemException outOfScope = new LedgerProblemException(403, "Forbidden", "not here",
                List.of(new ReportedReason("OUT_OF_SCOPE", "github:acme/billing@staging may not act on prod", "environment")));
        assertThat(ExitCodes.of(outOfScope)).isEqualTo(ExitCodes.DENIED);
        assertThat(ExitCodes.of(new LedgerProblemException(403, "Forbidden", "roles", List.of()))).isEqualTo(ExitCodes.USAGE);
    }
}
