package dev.migrationledger.executor.sql;

import java.util.Locale;

/**
 * A column's type as written, with the canonical name PostgreSQL resolves it to ({@code character
 * varying(20)} → {@code varchar}, {@code int4} → {@code integer}, {@code timestamp without time zone}
 * → {@code timestamp}), so that rules compare names, not spellings.
 *
 * @param name      canonical name, lower case
 * @param hasLength whether a length or precision was given ({@code varchar(20)})
 * @param written   the type as written in the script
 */
public record ColumnType(String name, boolean hasLength, String written) {

    static ColumnType of(String written) {
        String text = written.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        boolean hasLength = text.matches(".*\\(\\s*\\d[^)]*\\).*");
        String base = text.replaceAll("\\(.*?\\)", "").replace("[]", "").replaceAll("\\s+", " ").strip();
        int dot = base.lastIndexOf('.');
        if (dot >= 0 && !base.contains(" ")) {
            base = base.substring(dot + 1);
        }
        base = base.replace("\"", "");
        return new ColumnType(canonical(base), hasLength, written.strip());
    }

    private static String canonical(String base) {
        return switch (base) {
            case "character varying", "varchar" -> "varchar";
            case "character", "char", "bpchar", "nchar", "national character" -> "char";
            case "timestamp", "timestamp without time zone" -> "timestamp";
            case "timestamptz", "timestamp with time zone" -> "timestamptz";
            case "time", "time without time zone" -> "time";
            case "timetz", "time with time zone" -> "timetz";
            case "int", "integer", "int4" -> "integer";
            case "smallint", "int2" -> "smallint";
            case "bigint", "int8" -> "bigint";
            case "serial", "serial4" -> "serial";
            case "smallserial", "serial2" -> "smallserial";
            case "bigserial", "serial8" -> "bigserial";
            default -> base;
        };
    }

    public boolean isSerial() {
        return name.equals("serial") || name.equals("smallserial") || name.equals("bigserial");
    }
}
