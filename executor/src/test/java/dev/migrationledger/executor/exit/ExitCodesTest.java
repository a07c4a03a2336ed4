package dev.migrationledger.executor.exit;

import dev.migrationledger.ledger.api.ReportedReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationledger.executor.client.LedgerProblemException;
import org.junit.jupiter.api.Test;
import java.util.Arrays;
import java.util.List;

/** SPEC §8's exit codes for refused requests, decided by the reasons' category, not worked back from the status. */
class ExitCodesTest {

    private static int exit(int status, String... codes) {
        List<ReportedReason> reasons = Arrays.stream(codes).map(c -> new ReportedReason(c, "why", null)).toList();
        return ExitCodes.of(new LedgerProblemException(status, "title", "detail", reasons));
    }

    @Test
    void policyAndConflictAreDenials() {
        assertThat(exit(422, "NO_APPROVAL")).isEqualTo(ExitCodes.DENIED);
        assertThat(exit(422, "INVALID_INPUT", "OUT_OF_ORDER")).isEqualTo(ExitCodes.DENIED);
        assertThat(exit(409, "IDEMPOTENCY_CONFLICT")).isEqualTo(ExitCodes.DENIED);
        assertThat(exit(403, "OUT_OF_SCOPE")).isEqualTo(ExitCodes.DENIED);
    }

    @Test
    void unknownThingsAndCredentialsAreUsageErrors() {
        assertThat(exit(404, "UNKNOWN_PROJECT")).isEqualTo(ExitCodes.USAGE);
        assertThat(exit(404)).isEqualTo(ExitCodes.USAGE);
        assertThat(exit(401)).isEqualTo(ExitCodes.USAGE);
        assertThat(exit(403)).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void malformedInputIsAFailedCheck() {
        assertThat(exit(400, "INVALID_INPUT")).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(exit(500)).isEqualTo(ExitCodes.CHECK_FAILED);
    }

    @Test
    void aCodeThisVersionDoesNotKnowFallsBackOnTheStatus() {
        assertThat(exit(422, "A_NEWER_RULE")).isEqualTo(ExitCodes.DENIED);
        assertThat(exit(404, "UNKNOWN_SOMETHING_NEW")).isEqualTo(ExitCodes.USAGE);
        assertThat(exit(400, "A_NEWER_INPUT_CHECK")).isEqualTo(ExitCodes.CHECK_FAILED);
    }

    @Test
    void aRefusedRecordIsNeverADenial() {
        assertThat(ExitCodes.ofRecord(new LedgerProblemException(422, "t", "d",
                List.of(new ReportedReason("NO_APPROVAL", "m", null))))).isEqualTo(ExitCodes.CHECK_FAILED);
    }
}
