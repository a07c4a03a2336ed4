package dev.migrationledger.ledger.integrity;

import dev.migrationledger.ledger.api.ReportedReason;
import dev.migrationledger.ledger.domain.ReasonCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A reason as it travels between builds of different ages. */
class ReportedReasonTest {

    @Test
    void aCodeThisBuildDoesNotKnowStillReadsAndShows() {
        ReportedReason newer = ReceiptJson.read("{\"code\":\"A_RULE_FROM_LATER\",\"message\":\"why\",\"extra\":1}"
                .getBytes(StandardCharsets.UTF_8), ReportedReason.class);

        assertThat(newer.knownCode()).isEmpty();
        assertThat(newer.format()).isEqualTo("A_RULE_FROM_LATER: why");
        assertThat(new ReportedReason("SELF_APPROVAL", null, "approver").knownCode()).contains(ReasonCode.SELF_APPROVAL);
    }

    @Test
    void aReasonWithoutFieldIsTheCanonicalJsonReceiptsHaveAlwaysCarried() {
        assertThat(new String(ReceiptJson.canonical(new ReportedReason("NO_BACKUP", "no backup", null)),
                StandardCharsets.UTF_8)).isEqualTo("{\"code\":\"NO_BACKUP\",\"message\":\"no backup\"}");
        assertThat(ReportedReason.of(ReasonCode.NO_BACKUP.reason("m", "environment")).format())
                .isEqualTo("NO_BACKUP (environment): m");
    }
}
