package dev.migrationledger.executor.flyway;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Both header forms, on any leading text. What must hold: parsing never fails, and every problem names a
 * line of the text; a parsed header printed in either form (where the form can hold its values) parses
 * back to the same values with no issue at all.
 */
class ScriptHeaderFuzzTest {

    @FuzzTest
    @DictionaryEntries({"-- [KFM_MIGRATION]\\x0A", "-- [/KFM_MIGRATION]\\x0A", "-- ledger: ", "--   ", "\\x0A",
            "id: ", "owner: ", "ticket: ", "risk: ", "rollout: ", "rollback: ", "phase: ", "expands: ", "class: ",
            "change_class=", "risk=", "phase=contract", "expands=", "rollback=down", "class=destructive", "=\\\"",
            "\\\"", "high", "medium", "low", "safe", "requires-maintenance-window", "compensating", "manual",
            "forward_fix", "restore", "expand", "contract", "additive", "transformative", "R__x", "1.2", "SELECT 1;"})
    void parsedHeadersRoundTripThroughThePrinter(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        ScriptHeader header = ScriptHeaderParser.parse(text);
        int lines = text.split("\n", -1).length;
        for (HeaderIssue issue : header.issues()) {
            if (issue.line() < 1 || issue.line() > lines || issue.message() == null) {
                throw new AssertionError("an issue names a line of the text: " + issue);
            }
        }
        for (ScriptHeaderPrinter.Form form : ScriptHeaderPrinter.Form.values()) {
            if (form == ScriptHeaderPrinter.Form.KFM && !ScriptHeaderPrinter.canPrint(header, form)) {
                throw new AssertionError("every header the parser accepts can be written in the KFM form");
            }
            if (!ScriptHeaderPrinter.canPrint(header, form)) {
                continue;
            }
            String printed = ScriptHeaderPrinter.print(header, form);
            ScriptHeader again = ScriptHeaderParser.parse(printed + "SELECT 1;\n");
            if (!again.issues().isEmpty() || !ScriptHeaderPrinter.values(again).equals(ScriptHeaderPrinter.values(header))
                    || !same(again, header)) {
                throw new AssertionError(form + " form does not round-trip:\n" + printed + "read back as " + again
                        + "\nfrom " + header);
            }
        }
    }

    /** The typed values too: the printer's strings must mean the same risk, strategy, version… */
    private static boolean same(ScriptHeader a, ScriptHeader b) {
        return java.util.Objects.equals(a.risk(), b.risk()) && java.util.Objects.equals(a.rollback(), b.rollback())
                && java.util.Objects.equals(a.phase(), b.phase()) && java.util.Objects.equals(a.expands(), b.expands())
                && java.util.Objects.equals(a.changeClass(), b.changeClass());
    }
}
