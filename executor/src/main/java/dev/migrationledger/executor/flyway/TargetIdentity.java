package dev.migrationledger.executor.flyway;

import dev.migrationledger.ledger.domain.Checksum;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Which database a run changes, as the signed authorization binds it: the SHA-256 of
 * {@code postgresql/<cluster system identifier>/<database>/<schema>}. The system identifier is unique per
 * cluster (set by initdb), so an authorization obtained for one database is refused by a run against another,
 * even one with the same name; where the server hides it, {@code ?} takes its place.
 */
final class TargetIdentity {

    private TargetIdentity() {
    }

    static String describe(Connection c, String schema) throws SQLException {
        String system = "?";
        try (ResultSet rs = c.createStatement().executeQuery("SELECT system_identifier FROM pg_control_system()")) {
            if (rs.next()) {
                system = rs.getString(1);
            }
        } catch (SQLException hidden) {
            // some managed servers revoke pg_control_system(); the database and schema still bind the target
        }
        try (ResultSet rs = c.createStatement().executeQuery("SELECT current_database()")) {
            rs.next();
            return "postgresql/" + system + "/" + rs.getString(1) + "/" + schema;
        }
    }

    static String digest(Connection c, String schema) throws SQLException {
        return Checksum.ofBytes(describe(c, schema).getBytes(StandardCharsets.UTF_8)).hex();
    }
}
