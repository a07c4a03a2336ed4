package dev.migrationledger.executor.scan;

import dev.migrationledger.ledger.api.ToolChange;
import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.domain.Outcome;
import dev.migrationledger.ledger.domain.Tool;
import dev.migrationledger.ledger.domain.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prisma's {@code _prisma_migrations}, one entry per row in start order: {@code 20240101120000_init} is version
 * {@code 20240101120000}, description {@code init}, change id the folder name. States, as Prisma's schema engine
 * writes them: {@code finished_at} set is APPLIED; {@code rolled_back_at} set (after {@code migrate resolve
 * --rolled-back}) is ROLLED_BACK, a failed attempt whose changes were undone; neither is FAILED (the error is in
 * {@code logs}). Prisma's checksum is the SHA-256 of {@code migration.sql} as it is on disk; ours removes a BOM
 * and turns CRLF into LF, so the two agree only for a plain LF file. With {@code --dir} (the migrations folder),
 * a file that matches Prisma's checksum — by Prisma's own rule, which accepts either line ending — gives our
 * checksum, and the entry says when it differs from Prisma's; without it ours is unknown (null).
 */
final class PrismaHistory implements ToolHistory {

    private static final Pattern NAME = Pattern.compile("([0-9]+)_(.*)");

    @Override
    public Tool tool() {
        return Tool.PRISMA;
    }

    @Override
    public String table() {
        return "_prisma_migrations";
    }

    @Override
    public List<HistoryEntry> read(Connection connection, Path dir) throws SQLException {
        List<HistoryEntry> entries = new ArrayList<>();
        String sql = "SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at"
                + " FROM _prisma_migrations ORDER BY started_at, migration_name, id";
        try (ResultSet rs = connection.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                String name = rs.getString("migration_name");
                Matcher parsed = NAME.matcher(name == null ? "" : name);
                if (!parsed.matches() || !isVersion(parsed.group(1))) {
                    throw new HistoryImportException("_prisma_migrations row " + rs.getString("id") + " is named '" + name
                            + "', not <timestamp>_<name>; the ledger cannot give it a version");
                }
                Timestamp finished = rs.getTimestamp("finished_at");
                boolean rolledBack = rs.getTimestamp("rolled_back_at") != null;
                Outcome state = rolledBack ? Outcome.ROLLED_BACK : finished != null ? Outcome.APPLIED : Outcome.FAILED;
                Timestamp at = finished != null && !rolledBack ? finished : rs.getTimestamp("started_at");
                String prismaChecksum = rs.getString("checksum");
                String file = name + "/migration.sql";
                String ours = null;
                String note = null;
                if (dir != null) {
                    Path script = dir.resolve(name).resolve("migration.sql");
                    if (!Files.isRegularFile(script)) {
                        note = script + " is missing: the ledger's checksum is unknown";
                    } else {
                        byte[] bytes = read(script);
                        if (matches(bytes, prismaChecksum)) {
                            ours = Checksum.ofScript(bytes).hex();
                            if (!ours.equals(prismaChecksum)) {
                                note = "Prisma's checksum " + prismaChecksum + " is of the file as on disk; the ledger's "
                                        + ours + " is of its text without BOM and with LF line ends";
                            }
                        } else {
                            note = file + " changed since Prisma applied it (its checksum is not " + prismaChecksum
                                    + "): the ledger's checksum is unknown";
                        }
                    }
                }
                ToolChange change = new ToolChange(name, null, file, prismaChecksum, null, state.name(), null, null, null, null,
                        null, rs.getString("logs"));
                entries.add(new HistoryEntry(parsed.group(1), parsed.group(2).replace('_', ' '), ours,
                        at == null ? null : at.toInstant(), null, state == Outcome.APPLIED, table() + ":" + rs.getString("id"),
                        change, note));
            }
        }
        return entries;
    }

    /**
     * Prisma's own rule (schema-engine's checksum module): the script's SHA-256 as is, with CRLF turned into LF,
     * or with LF turned into CRLF, in zero-padded hex or in the unpadded hex older engines wrote.
     */
    static boolean matches(byte[] script, String recorded) {
        if (recorded == null) {
            return false;
        }
        String text = new String(script, StandardCharsets.UTF_8);
        for (String variant : List.of(text, text.replace("\r\n", "\n"), text.replace("\n", "\r\n"))) {
            byte[] sha = Checksum.sha256(variant.getBytes(StandardCharsets.UTF_8));
            if (HexFormat.of().formatHex(sha).equals(recorded) || unpadded(sha).equals(recorded)) {
                return true;
            }
        }
        return false;
    }

    private static String unpadded(byte[] sha) {
        StringBuilder hex = new StringBuilder();
        for (byte b : sha) {
            hex.append(Integer.toHexString(b & 0xff));
        }
        return hex.toString();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A timestamp of 200 digits is no version either (found by HistoryRowsFuzzTest). */
    private static boolean isVersion(String digits) {
        try {
            Version.parse(digits);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
