package dev.migrationledger.executor.sql;

import java.util.Optional;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.apache.shardingsphere.sql.parser.autogen.PostgreSQLStatementLexer;
import org.apache.shardingsphere.sql.parser.autogen.PostgreSQLStatementParser;

/**
 * PostgreSQL's grammar (Apache ShardingSphere's ANTLR port of the server's {@code gram.y}), for the
 * statements keyword matching cannot read reliably: {@code ALTER TABLE} actions and their options
 * ({@code NOT VALID}, {@code USING INDEX}, {@code CONCURRENTLY}), column definitions, default
 * expressions. It is always given {@link SqlStatement#code()}, where comments, literals and
 * dollar-quoted bodies are blanked, so a function body can never be read as DDL whatever the grammar
 * makes of it.
 */
final class PgGrammar {

    private static final BaseErrorListener FAIL = new BaseErrorListener() {
        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object symbol, int line, int column, String message,
                                RecognitionException e) {
            throw new ParseCancellationException(line + ":" + column + " " + message);
        }
    };

    private PgGrammar() {
    }

    /** The statement's node ({@code alterTable}, {@code createIndex}, …), or empty when the grammar refuses it. */
    static Optional<PgNode> parse(String code) {
        // SLL first: it settles almost every statement quickly; full LL only when SLL gives up.
        Optional<PgNode> tree = parse(code, PredictionMode.SLL);
        return tree.isPresent() ? tree : parse(code, PredictionMode.LL);
    }

    private static Optional<PgNode> parse(String code, PredictionMode mode) {
        PostgreSQLStatementLexer lexer = new PostgreSQLStatementLexer(CharStreams.fromString(code));
        lexer.removeErrorListeners();
        lexer.addErrorListener(FAIL);
        PostgreSQLStatementParser parser = new PostgreSQLStatementParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(FAIL);
        parser.getInterpreter().setPredictionMode(mode);
        try {
            ParserRuleContext execute = parser.execute();
            PgNode root = new PgNode(execute, parser.getRuleNames());
            return root.children().stream().findFirst();
        } catch (RecognitionException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
