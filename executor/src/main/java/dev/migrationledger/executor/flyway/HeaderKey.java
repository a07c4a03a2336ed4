package dev.migrationledger.executor.flyway;

import dev.migrationledger.ledger.domain.ChangeClass;
import dev.migrationledger.ledger.domain.Phase;
import dev.migrationledger.ledger.domain.RollbackStrategy;
import dev.migrationledger.ledger.domain.Risk;
import dev.migrationledger.ledger.domain.Version;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The header keys both forms accept, their aliases and what makes a value valid. */
final class HeaderKey {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("id", "id"), Map.entry("owner", "author"), Map.entry("author", "author"),
            Map.entry("ticket", "ticket"), Map.entry("risk", "risk"), Map.entry("rollout", "rollout"),
            Map.entry("rollback", "rollback"), Map.entry("phase", "phase"), Map.entry("expands", "expands"),
            Map.entry("class", "class"), Map.entry("change", "class"), Map.entry("change_class", "class"),
            Map.entry("changeclass", "class"));

    static final String KNOWN = "id, owner/author, ticket, risk, rollout, rollback, phase, expands, class/change";

    private HeaderKey() {
    }

    static String canonical(String rawKey) {
        return ALIASES.get(rawKey.toLowerCase(Locale.ROOT).replace('-', '_'));
    }

    /** @return what is wrong with the value, or null when it is valid */
    static String check(String key, String value) {
        if (value.isBlank()) {
            return "a value is required";
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
            return "control characters and line separators are not allowed";
        }
        return switch (key) {
            case "risk" -> oneOf(value, Risk.values());
            case "phase" -> oneOf(value, Phase.values());
            case "class" -> oneOf(value, ChangeClass.values());
            case "rollout" -> value.equalsIgnoreCase("safe") || value.equalsIgnoreCase("requires-maintenance-window")
                    ? null : "expected safe or requires-maintenance-window, found '" + value + "'";
            case "rollback" -> rollback(value) != null
                    ? null : "expected down, compensating, manual, forward_fix or restore, found '" + value + "'";
            case "expands" -> expands(value);
            default -> null;
        };
    }

    /** The KFM vocabulary (down/compensating/manual) and the ledger's own strategy names both map to a strategy. */
    static RollbackStrategy rollback(String value) {
        return switch (ScriptHeaderParser.upper(value)) {
            case "DOWN", "DOWN_SCRIPT" -> RollbackStrategy.DOWN_SCRIPT;
            case "COMPENSATING", "FORWARD_FIX" -> RollbackStrategy.FORWARD_FIX;
            case "MANUAL" -> RollbackStrategy.MANUAL;
            case "RESTORE" -> RollbackStrategy.RESTORE;
            default -> null;
        };
    }

    private static String expands(String value) {
        try {
            return Version.parse(value).isRepeatable() ? "a repeatable migration cannot be expanded" : null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static String oneOf(String value, Enum<?>[] allowed) {
        String wanted = ScriptHeaderParser.upper(value);
        if (Arrays.stream(allowed).anyMatch(e -> e.name().equals(wanted))) {
            return null;
        }
        return "expected one of " + Arrays.stream(allowed).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining("|")) + ", found '" + value + "'";
    }
}
