package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.ScriptFinding;
import dev.migrationledger.ledger.api.ScriptStored;
import dev.migrationledger.ledger.api.StoreScript;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.migrationledger.ledger.domain.Given.*;
import static dev.migrationledger.ledger.domain.LedgerMatchers.rejectedWith;

/** Scripts in the ledger (§10): the text of a planned checksum, stored once, never another text. */
class ScriptsTest extends ProjectFixtureTest {

    private static final String TEXT = "-- script of V1\n";
    private static final List<ScriptFinding> FINDINGS =
            List.of(new ScriptFinding("PG001", "WARNING", 1, "a comment only", "add SQL"));

    @Test
    void theTextOfThePlannedChecksumIsStoredWithItsFindings() {
        given(projectRegistered(), planned("1"))
                .when(new StoreScript(PROJECT, "1", TEXT, FINDINGS, PLANNER))
                .expectResultMessagePayload(true)
                .expectEvents(new ScriptStored(PROJECT, "1", checksum("1"), TEXT, FINDINGS, NOW, NOW, PLANNER));
    }

    @Test
    void aBomAndCrlfLineEndsAreStoredAsTheCheckedBytes() {
        given(projectRegistered(), planned("1"))
                .when(new StoreScript(PROJECT, "1", "\uFEFF-- script of V1\r\n", List.of(), PLANNER))
                .expectEvents(new ScriptStored(PROJECT, "1", checksum("1"), TEXT, List.of(), NOW, NOW, PLANNER));
    }

    @Test
    void aChecksumsTextIsStoredOnce() {
        given(projectRegistered(), planned("1"),
                new ScriptStored(PROJECT, "1", checksum("1"), TEXT, List.of(), EARLIER, EARLIER, PLANNER))
                .when(new StoreScript(PROJECT, "1", TEXT, FINDINGS, PLANNER))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void aTextThatIsNotThePlannedScriptIsRejected() {
        given(projectRegistered(), planned("1"))
                .when(new StoreScript(PROJECT, "1", "DROP TABLE accounts;\n", List.of(), PLANNER))
                .expectException(rejectedWith(ReasonCode.CHECKSUM_MISMATCH))
                .expectNoEvents();
    }

    @Test
    void afterAReplanOnlyTheNewTextIsAccepted() {
        given(projectRegistered(), planned("1"),
                replanned(definition("1", ChangeClass.ADDITIVE, otherChecksum("1")), checksum("1")))
                .when(new StoreScript(PROJECT, "1", TEXT, List.of(), PLANNER))
                .expectException(rejectedWith(ReasonCode.CHECKSUM_MISMATCH));
    }

    @Test
    void aScriptOfAnUnplannedVersionIsRejected() {
        given(projectRegistered())
                .when(new StoreScript(PROJECT, "1", TEXT, List.of(), PLANNER))
                .expectException(rejectedWith(ReasonCode.UNKNOWN_MIGRATION));
    }

    @Test
    void aScriptOverOneMebibyteIsRejected() {
        String big = "-- x\n".repeat(ScriptText.MAX_BYTES / 5 + 1);
        given(projectRegistered(), planned("1"))
                .when(new StoreScript(PROJECT, "1", big, List.of(), PLANNER))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT));
    }

    @Test
    void aFindingWithoutRuleOrMessageIsRejected() {
        given(projectRegistered(), planned("1"))
                .when(new StoreScript(PROJECT, "1", TEXT, List.of(new ScriptFinding(null, "ERROR", 0, "", null)),
                        PLANNER))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT, ReasonCode.INVALID_INPUT,
                        ReasonCode.INVALID_INPUT));
    }
}
