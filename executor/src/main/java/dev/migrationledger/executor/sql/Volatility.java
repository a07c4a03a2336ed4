package dev.migrationledger.executor.sql;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What PostgreSQL would evaluate a default expression as: constants and stable or immutable
 * functions are evaluated once when a column is added (no rewrite since PostgreSQL 11), a volatile
 * one per row (a rewrite on every version). A function we cannot classify is {@code UNKNOWN}.
 */
public enum Volatility {
    CONSTANT, VOLATILE, UNKNOWN;

    /** Built-in volatile functions (pg_proc.provolatile = 'v') that appear in column defaults. */
    private static final Set<String> VOLATILE_FUNCTIONS = Set.of("random", "gen_random_uuid", "uuid_generate_v1",
            "uuid_generate_v1mc", "uuid_generate_v4", "uuidv4", "uuidv7", "clock_timestamp", "timeofday", "nextval",
            "setval", "txid_current", "random_normal");

    /** Built-in stable or immutable functions, safe in a default: evaluated once for the whole table. */
    private static final Set<String> STABLE_FUNCTIONS = Set.of("now", "statement_timestamp",
            "transaction_timestamp", "current_setting", "lower", "upper", "coalesce", "to_timestamp", "make_interval",
            "jsonb_build_object", "json_build_object", "jsonb_build_array", "array", "current_schema", "current_user",
            "session_user", "timezone", "date_trunc", "concat", "length", "abs", "round", "make_date", "nullif",
            "greatest", "least", "uuid_nil", "to_jsonb", "to_json", "localtimestamp", "current_date",
            "current_timestamp", "localtime", "current_time", "interval", "md5", "format", "replace", "trim");

    private static final Pattern CALL = Pattern.compile("([\\p{L}_][\\p{L}\\p{N}_$]*(?:\\s*\\.\\s*[\\p{L}_][\\p{L}\\p{N}_$]*)?)\\s*\\(");

    /** Classifies a default expression; literals are blanked, which does not matter here. */
    static Volatility of(String expression) {
        Matcher call = CALL.matcher(expression);
        Volatility result = CONSTANT;
        while (call.find()) {
            String name = call.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s", "");
            name = name.substring(name.lastIndexOf('.') + 1);
            if (VOLATILE_FUNCTIONS.contains(name)) {
                return VOLATILE;
            }
            if (!STABLE_FUNCTIONS.contains(name) && !isTypeCast(name)) {
                result = UNKNOWN;
            }
        }
        return result;
    }

    /** {@code int4(…)}, {@code numeric(…)}: a type name applied like a function is a cast of a constant. */
    private static boolean isTypeCast(String name) {
        return Set.of("int", "int2", "int4", "int8", "numeric", "text", "varchar", "bool", "date", "timestamp",
                "timestamptz", "jsonb", "json", "uuid", "float8", "float4", "decimal", "char", "bpchar").contains(name);
    }
}
