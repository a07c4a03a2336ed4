package dev.migrationledger.executor.lint;

/**
 * The PostgreSQL version the migrations will run on, for the rules whose risk depends on it. The
 * default is the oldest major version still supported upstream on 2026-12-01: 15 (14 reached end of
 * life on 2026-11-12). A major version alone means "any minor release of it".
 */
public record PgVersion(int major, Integer minor) {

    public static final PgVersion OLDEST_SUPPORTED = new PgVersion(15, null);

    /** {@code 15}, {@code 14.3}, or a {@code server_version_num} such as {@code 140003}. */
    public static PgVersion parse(String text) {
        String t = text.strip();
        try {
            if (t.matches("\\d{5,6}")) {
                int num = Integer.parseInt(t);
                return new PgVersion(num / 10000, num % 10000);
            }
            if (t.matches("\\d+")) {
                return new PgVersion(Integer.parseInt(t), null);
            }
            if (t.matches("\\d+\\.\\d+(\\.\\d+)?")) {
                String[] parts = t.split("\\.");
                return new PgVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("'" + text + "' is not a PostgreSQL version; give a major version such as 15, or major.minor such as 14.3");
    }

    public boolean atLeast(int requiredMajor) {
        return major >= requiredMajor;
    }

    /** Whether the version is, or may be (minor unknown), one of 14.0–14.3, whose concurrent index builds can corrupt indexes. */
    public boolean mayCorruptConcurrentIndexes() {
        return major == 14 && (minor == null || minor <= 3);
    }

    @Override
    public String toString() {
        return minor == null ? Integer.toString(major) : major + "." + minor;
    }
}
