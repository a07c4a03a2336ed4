package dev.migrationledger.executor.flyway;

import static org.assertj.core.api.Assertions.assertThat;

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
}
