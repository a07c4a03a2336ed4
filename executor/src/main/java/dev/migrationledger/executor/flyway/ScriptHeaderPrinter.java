package dev.migrationledger.executor.flyway;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a {@link ScriptHeader} in either form {@link ScriptHeaderParser} reads, so that a tool can add
 * or rewrite a script's header; the parser reads back exactly the declared values (ScriptHeaderFuzzTest).
 * Every value the parser accepts can be written in the KFM form. The {@code -- ledger:} form quotes a
 * value with spaces, so it cannot hold one that has both a double quote and a space, or starts with one.
 */
public final class ScriptHeaderPrinter {

    public enum Form { KFM, LEDGER }

    private static final Pattern ASCII_SPACE = Pattern.compile("\\s");

    private ScriptHeaderPrinter() {
    }

    /** @throws IllegalArgumentException when a value cannot be written in that form ({@link #canPrint}) */
    public static String print(ScriptHeader header, Form form) {
        Map<String, String> values = values(header);
        StringBuilder text = new StringBuilder();
        if (form == Form.KFM) {
            text.append("-- [KFM_MIGRATION]\n");
            values.forEach((key, value) -> text.append("-- ").append(key).append(": ").append(value).append('\n'));
            return text.append("-- [/KFM_MIGRATION]\n").toString();
        }
        if (!canPrint(header, form)) {
            throw new IllegalArgumentException("a value with a double quote and a space cannot be written as "
                    + "-- ledger: key=value; write the header in the [KFM_MIGRATION] form");
        }
        text.append("-- ledger:");
        values.forEach((key, value) -> text.append(' ').append(key).append('=').append(bare(value) ? value : '"' + value + '"'));
        return text.append('\n').toString();
    }

    public static boolean canPrint(ScriptHeader header, Form form) {
        return form == Form.KFM || values(header).values().stream().allMatch(v -> bare(v) || v.indexOf('"') < 0);
    }

    /** A value the ledger form can write unquoted: no space for the pair to end at, no quote to open one. */
    private static boolean bare(String value) {
        return !ASCII_SPACE.matcher(value).find() && !value.startsWith("\"");
    }

    /** The declared values by canonical key, as the parser's checks accept them. */
    static Map<String, String> values(ScriptHeader header) {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "id", header.id());
        put(values, "author", header.author());
        put(values, "ticket", header.ticket());
        put(values, "risk", header.risk() == null ? null : lower(header.risk()));
        put(values, "rollout", header.rollout());
        put(values, "rollback", header.rollback() == null ? null : lower(header.rollback()));
        put(values, "phase", header.phase() == null ? null : lower(header.phase()));
        put(values, "expands", header.expands() == null ? null : header.expands().value());
        put(values, "class", header.changeClass() == null ? null : lower(header.changeClass()));
        return values;
    }

    private static void put(Map<String, String> values, String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
