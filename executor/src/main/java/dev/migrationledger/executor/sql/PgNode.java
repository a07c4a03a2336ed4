package dev.migrationledger.executor.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * A node of PostgreSQL's parse tree, addressed by grammar rule names ({@code alterTableAction},
 * {@code columnConstraintOption}, …), so that the reader says which part of the grammar it reads.
 */
final class PgNode {

    private final ParserRuleContext ctx;
    private final String[] ruleNames;

    PgNode(ParserRuleContext ctx, String[] ruleNames) {
        this.ctx = ctx;
        this.ruleNames = ruleNames;
    }

    String rule() {
        return ruleNames[ctx.getRuleIndex()];
    }

    boolean is(String rule) {
        return rule().equals(rule);
    }

    /** 1-based line of the node's first token within the parsed text. */
    int line() {
        return ctx.getStart().getLine();
    }

    List<PgNode> children() {
        List<PgNode> nodes = new ArrayList<>();
        for (int i = 0; i < ctx.getChildCount(); i++) {
            if (ctx.getChild(i) instanceof ParserRuleContext child) {
                nodes.add(new PgNode(child, ruleNames));
            }
        }
        return nodes;
    }

    Optional<PgNode> child(String rule) {
        return children().stream().filter(n -> n.is(rule)).findFirst();
    }

    /** The first descendant (depth first, this node excluded) produced by {@code rule}. */
    Optional<PgNode> first(String rule) {
        for (PgNode child : children()) {
            if (child.is(rule)) {
                return Optional.of(child);
            }
            Optional<PgNode> deeper = child.first(rule);
            if (deeper.isPresent()) {
                return deeper;
            }
        }
        return Optional.empty();
    }

    /** Every descendant produced by {@code rule}, outermost first; the search does not enter a match. */
    List<PgNode> all(String rule) {
        List<PgNode> found = new ArrayList<>();
        for (PgNode child : children()) {
            if (child.is(rule)) {
                found.add(child);
            } else {
                found.addAll(child.all(rule));
            }
        }
        return found;
    }

    /** This node's own keywords and symbols (not those of its child rules), upper-cased. */
    List<String> ownWords() {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < ctx.getChildCount(); i++) {
            ParseTree child = ctx.getChild(i);
            if (child instanceof TerminalNode terminal && terminal.getSymbol().getType() != Token.EOF) {
                words.add(terminal.getText().toUpperCase(Locale.ROOT));
            }
        }
        return words;
    }

    /** Every token under this node, upper-cased. */
    List<String> words() {
        List<String> words = new ArrayList<>();
        collect(ctx, words);
        return words;
    }

    private static void collect(ParseTree tree, List<String> into) {
        if (tree instanceof TerminalNode terminal) {
            if (terminal.getSymbol().getType() != Token.EOF) {
                into.add(terminal.getText().toUpperCase(Locale.ROOT));
            }
            return;
        }
        for (int i = 0; i < tree.getChildCount(); i++) {
            collect(tree.getChild(i), into);
        }
    }

    /** Whether the tokens under this node contain {@code sequence} contiguously. */
    boolean has(String... sequence) {
        List<String> words = words();
        outer:
        for (int i = 0; i + sequence.length <= words.size(); i++) {
            for (int j = 0; j < sequence.length; j++) {
                if (!words.get(i + j).equals(sequence[j])) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    boolean ownHas(String word) {
        return ownWords().contains(word);
    }

    /** The source text the node covers, whitespace as written. */
    String text() {
        int start = ctx.getStart().getStartIndex();
        int stop = ctx.getStop() == null ? start - 1 : ctx.getStop().getStopIndex();
        if (stop < start) {
            return "";
        }
        return ctx.getStart().getInputStream().getText(Interval.of(start, stop));
    }
}
