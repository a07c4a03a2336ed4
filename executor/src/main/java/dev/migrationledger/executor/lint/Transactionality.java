package dev.migrationledger.executor.lint;

import dev.migrationledger.executor.sql.DdlFact;
import dev.migrationledger.executor.sql.SqlStatement;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether a statement can run inside a transaction block. Flyway (with {@code mixed=false}, the
 * executor's setting) runs a script in one transaction unless every statement in it is one that
 * cannot; {@code SET}/{@code RESET} go either way.
 */
public enum Transactionality {
    TRANSACTIONAL, NON_TRANSACTIONAL, EITHER;

    private static final Pattern SESSION = Pattern.compile("\\s*(?:SET|RESET)\\b", Pattern.CASE_INSENSITIVE);

    static Transactionality of(LintContext.Parsed parsed) {
        return of(parsed.statement(), parsed.facts());
    }

    public static Transactionality of(SqlStatement statement, List<DdlFact> facts) {
        for (DdlFact fact : facts) {
            if (fact instanceof DdlFact.CreateIndex i && i.concurrently()
                    || fact instanceof DdlFact.DropIndex d && d.concurrently()
                    || fact instanceof DdlFact.Reindex r && r.concurrently()
                    || fact instanceof DdlFact.DetachPartition p && p.concurrently()
                    || fact instanceof DdlFact.TableRewrite t && t.how() == DdlFact.Rewriter.VACUUM_FULL
                    || fact instanceof DdlFact.DropDatabase) {
                return NON_TRANSACTIONAL;
            }
        }
        return SESSION.matcher(statement.code()).lookingAt() ? EITHER : TRANSACTIONAL;
    }
}
