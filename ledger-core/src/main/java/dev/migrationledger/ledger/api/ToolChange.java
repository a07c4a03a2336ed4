package dev.migrationledger.ledger.api;

import java.util.List;
import java.util.Set;

/**
 * How the tool that ran a change names and recorded it, kept beside the ledger's version (SPEC §10):
 * Liquibase's changeset (id, author, file), MD5SUM, ORDEREXECUTED, EXECTYPE, DEPLOYMENT_ID and TAG;
 * Alembic's revision with its down revisions, branch labels and dependencies; Prisma's migration folder,
 * checksum, state and logs; Flyway's script, CRC32, installed rank and type. A field the tool does not
 * record is null. {@code state} is the tool's own word (Flyway's type, Liquibase's EXECTYPE, Prisma's
 * APPLIED / FAILED / ROLLED_BACK); what each means in the ledger is decided here, once.
 *
 * @param changeId     the tool's identity of the change, the same in every environment: a Liquibase
 *                     {@code file::id::author}, an Alembic revision, a Prisma migration folder, a Flyway script
 * @param toolChecksum the tool's own checksum (Liquibase {@code 9:…}, Flyway's CRC32 in decimal, Prisma's
 *                     SHA-256 of the raw file); compared only with the same tool's checksum of the same kind
 * @param order        the tool's run order (ORDEREXECUTED, installed_rank, the chain position)
 */
public record ToolChange(String changeId, String author, String file, String toolChecksum, Long order, String state,
                         String deploymentId, String tag, List<String> parents, List<String> branchLabels,
                         List<String> dependsOn, String logs) {

    private static final Set<String> UNDO = Set.of("UNDO_SQL", "UNDO_JDBC", "UNDO_SCRIPT");

    /** Flyway's undo rows: the version they name is no longer applied. */
    public boolean undoes() {
        return state != null && UNDO.contains(state);
    }

    /**
     * Liquibase re-ran a changeset it had run before (runOnChange, runAlways): the same change, run again,
     * possibly with other content — for the ledger a new run of it, like a repeatable's.
     */
    public boolean reran() {
        return "RERAN".equals(state);
    }

    /**
     * Whether two checksums of this kind can be compared: the same tool wrote both, and for Liquibase the same
     * algorithm ({@code 8:} and {@code 9:} sums of one changeset differ without the changeset changing).
     */
    public static boolean comparable(String a, String b) {
        if (a == null || b == null || a.isBlank() || b.isBlank()) {
            return false;
        }
        int ia = a.indexOf(':');
        int ib = b.indexOf(':');
        return ia == ib && (ia < 0 || a.substring(0, ia).equals(b.substring(0, ib)));
    }

    /** Two checksums that can be compared and differ: the change that ran is not the one recorded. */
    public static boolean differ(String a, String b) {
        return comparable(a, b) && !a.equalsIgnoreCase(b);
    }
}
