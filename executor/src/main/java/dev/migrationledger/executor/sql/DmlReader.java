package dev.migrationledger.executor.sql;

import dev.migrationledger.executor.sql.DdlFact.DataChange;
import dev.migrationledger.executor.sql.DdlFact.DataVerb;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/** The {@link DataChange} of a top-level UPDATE or DELETE, read by JSqlParser (which models DML well). */
final class DmlReader {

    private static final Pattern DML = Pattern.compile("\\s*(?:WITH\\b.*?\\b)?(?:UPDATE|DELETE)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private DmlReader() {
    }

    static List<DdlFact> read(SqlStatement statement) {
        if (!DML.matcher(statement.code()).lookingAt()) {
            return List.of();
        }
        Statement tree;
        try {
            tree = CCJSqlParserUtil.parse(statement.text());
        } catch (JSQLParserException | RuntimeException e) {
            return List.of();
        }
        if (tree instanceof Update update && update.getTable() != null) {
            List<String> columns = new ArrayList<>();
            for (UpdateSet set : update.getUpdateSets()) {
                for (Column column : set.getColumns()) {
                    columns.add(Names.normalise(column.getColumnName()));
                }
            }
            Set<String> seen = new HashSet<>();
            Set<String> repeated = new LinkedHashSet<>();
            columns.forEach(c -> {
                if (!seen.add(c)) {
                    repeated.add(c);
                }
            });
            return List.of(new DataChange(DataVerb.UPDATE, Names.normalise(update.getTable().getName()),
                    update.getWhere() != null, List.copyOf(repeated), statement.line()));
        }
        if (tree instanceof Delete delete && delete.getTable() != null) {
            return List.of(new DataChange(DataVerb.DELETE, Names.normalise(delete.getTable().getName()),
                    delete.getWhere() != null, List.of(), statement.line()));
        }
        return List.of();
    }
}
