package dev.migrationledger.executor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationledger.executor.client.LedgerJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** ledger status: applied rows, then pending, failures and drift in their own sections, one line each. */
class StatusOutputTest {

    @Test
    void pendingFailuresAndDriftHaveTheirOwnSectionsAndAMultiLineErrorIsOneLine() throws Exception {
        String state = """
                {"project":"billing","environment":"prod","currentVersion":"1",
                 "applied":[{"version":"1","description":"init","checksum":"%s","appliedAt":"2026-05-01T09:00:00Z",
                             "actor":"ci-bot","violations":[{"code":"CHECKSUM_MISMATCH"}]}],
                 "pending":[{"version":"3","checksum":"%s"}],
                 "failed":[{"version":"2","failedAt":"2026-05-01T09:01:00Z",
                            "error":"Migration V2__x.sql failed\\nSQL State  : 42P01\\nMessage    : relation \\"t\\" does not exist"}],
                 "drift":[{"kind":"SCHEMA_CHANGED_OUTSIDE_MIGRATIONS","detail":"+ column public.invoice.note\\ntext null"}]}"""
                .formatted("ab".repeat(32), "cd".repeat(32));
        StringWriter out = new StringWriter();
        StatusCommand.print(LedgerJson.MAPPER.readTree(state), new PrintWriter(out, true));

        String text = out.toString();
        assertThat(text).containsPattern("(?m)^  1 +init .*CHECKSUM_MISMATCH$");
        assertThat(text).contains("  pending:\n    3            cdcdcdcdcdc…\n");
        assertThat(text).contains("  failures:\n    2            failed at 2026-05-01T09:01:00Z: Migration V2__x.sql "
                + "failed SQL State  : 42P01 Message    : relation \"t\" does not exist\n");
        assertThat(text).contains("  drift:\n    SCHEMA_CHANGED_OUTSIDE_MIGRATIONS  -            + column "
                + "public.invoice.note text null\n");
        assertThat(text.indexOf("pending:")).isLessThan(text.indexOf("failures:"));
    }
}
