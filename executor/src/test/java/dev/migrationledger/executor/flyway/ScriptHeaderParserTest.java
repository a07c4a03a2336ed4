package dev.migrationledger.executor.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationledger.ledger.domain.ChangeClass;
import dev.migrationledger.ledger.domain.Phase;
import dev.migrationledger.ledger.domain.RollbackStrategy;
import dev.migrationledger.ledger.domain.Risk;
import org.junit.jupiter.api.Test;

class ScriptHeaderParserTest {

    @Test
    void readsTheKfmBlock() {
        ScriptHeader header = ScriptHeaderParser.parse("""
                -- [KFM_MIGRATION]
                -- id: 20260225_1200__add_widgets_table
                -- owner: team-data
                -- ticket: OPS-7
                -- risk: high
                -- rollout: requires-maintenance-window
                -- rollback: compensating
                -- [/KFM_MIGRATION]
                CREATE TABLE widgets (id int);""");

        assertThat(header.issues()).isEmpty();
        assertThat(header.id()).isEqualTo("20260225_1200__add_widgets_table");
        assertThat(header.author()).isEqualTo("team-data");
        assertThat(header.ticket()).isEqualTo("OPS-7");
        assertThat(header.risk()).isEqualTo(Risk.HIGH);
        assertThat(header.rollout()).isEqualTo("requires-maintenance-window");
        assertThat(header.rollback()).isEqualTo(RollbackStrategy.FORWARD_FIX);
    }

    @Test
    void readsLedgerLinesWithContinuations() {
        ScriptHeader header = ScriptHeaderParser.parse("""
                -- ledger: risk=high phase=contract expands=41
                --         rollback=down ticket=OPS-12 class=destructive
                -- reviewed by: the data team
                SELECT 1;""");

        assertThat(header.risk()).isEqualTo(Risk.HIGH);
        assertThat(header.phase()).isEqualTo(Phase.CONTRACT);
        assertThat(header.expands().value()).isEqualTo("41");
        assertThat(header.rollback()).isEqualTo(RollbackStrategy.DOWN_SCRIPT);
        assertThat(header.ticket()).isEqualTo("OPS-12");
        assertThat(header.changeClass()).isEqualTo(ChangeClass.DESTRUCTIVE);
    }

    @Test
    void aPlainCommentEndsTheLedgerContinuation() {
        ScriptHeader header = ScriptHeaderParser.parse("""
                -- ledger: risk=low
                -- This migration adds widgets.
                --   ticket=IGNORED-1
                SELECT 1;""");

        assertThat(header.risk()).isEqualTo(Risk.LOW);
        assertThat(header.ticket()).isNull();
        assertThat(header.issues()).isEmpty();
    }

    @Test
    void unknownKeysAreWarnings() {
        ScriptHeader header = ScriptHeaderParser.parse("-- ledger: risk=low colour=blue\nSELECT 1;");

        assertThat(header.issues()).singleElement()
                .satisfies(i -> assertThat(i.error()).isFalse())
                .satisfies(i -> assertThat(i.message()).contains("colour"));
    }

    @Test
    void badValuesAreErrorsWithTheirLine() {
        ScriptHeader header = ScriptHeaderParser.parse("""
                -- [KFM_MIGRATION]
                -- risk: extreme
                -- [/KFM_MIGRATION]
                -- ledger: phase=later
                SELECT 1;""");

        assertThat(header.issues()).extracting(HeaderIssue::line, HeaderIssue::error)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, true),
                        org.assertj.core.groups.Tuple.tuple(4, true));
        assertThat(header.risk()).isNull();
        assertThat(header.issues().get(0).message()).contains("extreme").contains("low|medium|high|critical");
    }

    @Test
    void anUnclosedBlockAndConflictingValuesAreErrors() {
        assertThat(ScriptHeaderParser.parse("-- [KFM_MIGRATION]\n-- risk: low\nSELECT 1;").hasErrors()).isTrue();
        assertThat(ScriptHeaderParser.parse("-- ledger: risk=low\n-- ledger: risk=high\nSELECT 1;").hasErrors())
                .isTrue();
    }

    @Test
    void metadataAfterTheFirstStatementIsIgnoredWithAWarning() {
        ScriptHeader header = ScriptHeaderParser.parse("SELECT 1;\n-- ledger: risk=critical\n");

        assertThat(header.risk()).isNull();
        assertThat(header.issues()).singleElement().satisfies(i -> assertThat(i.line()).isEqualTo(2));
    }

    // found by ScriptHeaderFuzzTest: `-- ledger: ticket="` threw StringIndexOutOfBoundsException
    @Test
    void aLoneQuoteIsPartOfABareValueNotACrash() {
        ScriptHeader header = ScriptHeaderParser.parse("-- ledger: risk=low ticket=\"\nSELECT 1;");

        assertThat(header.ticket()).isEqualTo("\"");
        assertThat(header.issues()).isEmpty();
    }

    // found by ScriptHeaderFuzzTest: a quoted value kept its spaces, so the KFM form of it read back differently
    @Test
    void quotedValuesAreStrippedLikeKfmValues() {
        ScriptHeader ledger = ScriptHeaderParser.parse("-- ledger: author=\" Ann Lee \"\nSELECT 1;");
        ScriptHeader kfm = ScriptHeaderParser.parse(ScriptHeaderPrinter.print(ledger, ScriptHeaderPrinter.Form.KFM));

        assertThat(ledger.author()).isEqualTo("Ann Lee");
        assertThat(kfm.author()).isEqualTo("Ann Lee");
    }

    @Test
    void valuesWithControlCharactersOrLineSeparatorsAreErrors() {
        ScriptHeader header = ScriptHeaderParser.parse("-- [KFM_MIGRATION]\n-- id: a\u0001b\n-- ticket: x\u2028y\n"
                + "-- [/KFM_MIGRATION]\nSELECT 1;");

        assertThat(header.id()).isNull();
        assertThat(header.hasErrors()).isTrue();
        assertThat(header.issues()).extracting(HeaderIssue::message).anyMatch(m -> m.contains("control characters"));
    }

    @Test
    void aPrintedHeaderReadsBackInBothForms() {
        ScriptHeader header = ScriptHeaderParser.parse("""
                -- ledger: risk=high phase=contract expands=41 author="Ann Lee" rollback=restore class=destructive
                -- [KFM_MIGRATION]
                -- id: 2026_1__x
                -- ticket: OPS-12
                -- rollout: safe
                -- [/KFM_MIGRATION]
                SELECT 1;""");

        for (ScriptHeaderPrinter.Form form : ScriptHeaderPrinter.Form.values()) {
            ScriptHeader again = ScriptHeaderParser.parse(ScriptHeaderPrinter.print(header, form));
            assertThat(again.issues()).as(form.name()).isEmpty();
            assertThat(again).as(form.name()).usingRecursiveComparison().isEqualTo(header);
        }
        assertThat(ScriptHeaderPrinter.print(header, ScriptHeaderPrinter.Form.LEDGER))
                .isEqualTo("-- ledger: id=2026_1__x author=\"Ann Lee\" ticket=OPS-12 risk=high rollout=safe "
                        + "rollback=restore phase=contract expands=41 class=destructive\n");
    }

    @Test
    void aValueWithAQuoteAndASpaceCannotBeWrittenInTheLedgerForm() {
        ScriptHeader header = ScriptHeaderParser.parse("-- [KFM_MIGRATION]\n-- ticket: say \"hi\"\n-- [/KFM_MIGRATION]\n");

        assertThat(ScriptHeaderPrinter.canPrint(header, ScriptHeaderPrinter.Form.LEDGER)).isFalse();
        assertThatThrownBy(() -> ScriptHeaderPrinter.print(header, ScriptHeaderPrinter.Form.LEDGER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KFM_MIGRATION");
        assertThat(ScriptHeaderParser.parse(ScriptHeaderPrinter.print(header, ScriptHeaderPrinter.Form.KFM)).ticket())
                .isEqualTo("say \"hi\"");
    }
}
