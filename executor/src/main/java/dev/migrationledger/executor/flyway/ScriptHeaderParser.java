package dev.migrationledger.executor.flyway;

import dev.migrationledger.ledger.domain.ChangeClass;
import dev.migrationledger.ledger.domain.Phase;
import dev.migrationledger.ledger.domain.RollbackStrategy;
import dev.migrationledger.ledger.domain.Risk;
import dev.migrationledger.ledger.domain.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads both header forms from the leading comment block of a script: the
 * {@code -- [KFM_MIGRATION]} … {@code -- [/KFM_MIGRATION]} block of {@code key: value} lines, and
 * {@code -- ledger: key=value …} lines with {@code --   key=value} continuation lines.
 * Only the leading block counts, so that a comment deep inside a script never changes its metadata.
 */
public final class ScriptHeaderParser {

    private static final Pattern KFM_OPEN = Pattern.compile("--\\s*\\[KFM_MIGRATION]\\s*");
    private static final Pattern KFM_CLOSE = Pattern.compile("--\\s*\\[/KFM_MIGRATION]\\s*");
    private static final Pattern KFM_ENTRY = Pattern.compile("--\\s*([A-Za-z][\\w-]*)\\s*:\\s*(.*?)\\s*");
    private static final Pattern LEDGER_LINE = Pattern.compile("--\\s*ledger:\\s*(.*?)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTINUATION = Pattern.compile("--\\s+([A-Za-z][\\w-]*=.*?)\\s*");
    /** {@code key="quoted value"} or {@code key=bare}; a lone or unclosed quote is part of a bare value. */
    private static final Pattern PAIR = Pattern.compile("([A-Za-z][\\w-]*)=(?:\"([^\"]*)\"|(\\S*))");

    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<HeaderIssue> issues = new ArrayList<>();

    private ScriptHeaderParser() {
    }

    /** @param text the script after BOM removal and CRLF→LF */
    public static ScriptHeader parse(String text) {
        return new ScriptHeaderParser().read(text.split("\n", -1));
    }

    /**
     * Metadata declared outside a script ({@link MetadataSidecar}), checked and converted exactly as a header's
     * {@code key=value} pairs are; its issues carry line 0.
     */
    static ScriptHeader declared(Map<String, String> pairs) {
        ScriptHeaderParser parser = new ScriptHeaderParser();
        pairs.forEach((key, value) -> parser.put(key, value, 0));
        return parser.build();
    }

    private ScriptHeader read(String[] lines) {
        boolean inKfm = false;
        boolean continues = false;
        int kfmLine = 0;
        int i = 0;
        for (; i < lines.length; i++) {
            String line = lines[i].strip();
            int number = i + 1;
            if (line.isEmpty()) {
                continues = false;
                continue;
            }
            if (!line.startsWith("--")) {
                break;
            }
            Matcher m;
            if (KFM_OPEN.matcher(line).matches()) {
                inKfm = true;
                kfmLine = number;
            } else if (KFM_CLOSE.matcher(line).matches()) {
                inKfm = false;
            } else if (inKfm && (m = KFM_ENTRY.matcher(line)).matches()) {
                put(m.group(1), m.group(2), number);
            } else if ((m = LEDGER_LINE.matcher(line)).matches()) {
                pairs(m.group(1), number);
                continues = true;
                continue;
            } else if (continues && (m = CONTINUATION.matcher(line)).matches()) {
                pairs(m.group(1), number);
                continue;
            } else if (inKfm && !line.replaceFirst("^-+", "").isBlank()) {
                issues.add(new HeaderIssue(number, false, "not a 'key: value' line in the [KFM_MIGRATION] block"));
            }
            continues = false;
        }
        if (inKfm) {
            issues.add(new HeaderIssue(kfmLine, true, "[KFM_MIGRATION] block is not closed by -- [/KFM_MIGRATION]"));
        }
        for (; i < lines.length; i++) {
            String line = lines[i].strip();
            if (LEDGER_LINE.matcher(line).matches() || KFM_OPEN.matcher(line).matches()) {
                issues.add(new HeaderIssue(i + 1, false,
                        "header metadata after the first statement is ignored: only the leading comment block is read"));
            }
        }
        return build();
    }

    private void pairs(String text, int number) {
        Matcher m = PAIR.matcher(text);
        int at = 0;
        while (m.find()) {
            if (!text.substring(at, m.start()).isBlank()) {
                break;
            }
            put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3), number);
            at = m.end();
        }
        if (!text.substring(at).isBlank()) {
            issues.add(new HeaderIssue(number, true, "expected key=value, found '" + text.substring(at).strip() + "'"));
        }
    }

    /** Values are stripped in both forms, so a quoted {@code " x "} and a KFM {@code x} declare the same. */
    private void put(String rawKey, String rawValue, int number) {
        String value = rawValue.strip();
        String key = HeaderKey.canonical(rawKey);
        if (key == null) {
            issues.add(new HeaderIssue(number, false, "unknown header key '" + rawKey + "' (known: " + HeaderKey.KNOWN + ")"));
            return;
        }
        String problem = HeaderKey.check(key, value);
        if (problem != null) {
            issues.add(new HeaderIssue(number, true, "bad value for '" + rawKey + "': " + problem));
            return;
        }
        String earlier = values.putIfAbsent(key, value);
        if (earlier != null && !earlier.equalsIgnoreCase(value)) {
            issues.add(new HeaderIssue(number, true,
                    "'" + rawKey + "' is declared twice with different values: '" + earlier + "' and '" + value + "'"));
        }
    }

    private ScriptHeader build() {
        return new ScriptHeader(values.get("id"), values.get("author"), values.get("ticket"),
                map("risk", v -> Risk.valueOf(upper(v))),
                map("rollout", v -> v.toLowerCase(Locale.ROOT)),
                map("rollback", HeaderKey::rollback),
                map("phase", v -> Phase.valueOf(upper(v))),
                map("expands", Version::parse),
                map("class", v -> ChangeClass.valueOf(upper(v))),
                List.copyOf(issues));
    }

    private <T> T map(String key, java.util.function.Function<String, T> parse) {
        String value = values.get(key);
        return value == null ? null : parse.apply(value);
    }

    static String upper(String value) {
        return value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
