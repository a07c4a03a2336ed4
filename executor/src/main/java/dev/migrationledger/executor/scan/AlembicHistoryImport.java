package dev.migrationledger.executor.scan;

import dev.migrationledger.executor.client.ApiShapes.BaselineEntry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Alembic's {@code alembic_version} holds only the current head revision (a hex id, not ordered), with
 * no time and no trail of earlier revisions. So the import records one entry: version {@code 1},
 * description {@code alembic head <rev>}, at the time of the import. Several rows mean unmerged branches,
 * which one version cannot stand for: the import refuses them until {@code alembic merge}.
 */
final class AlembicHistoryImport implements HistoryImport {

    @Override
    public String tool() {
        return "alembic";
    }

    @Override
    public String table() {
        return "alembic_version";
    }

    @Override
    public List<BaselineEntry> read(Connection connection) throws SQLException {
        List<String> heads = new ArrayList<>();
        try (ResultSet rs = connection.createStatement().executeQuery("SELECT version_num FROM alembic_version ORDER BY 1")) {
            while (rs.next()) {
                heads.add(rs.getString(1));
            }
        }
        if (heads.size() > 1) {
            throw new HistoryImportException("alembic_version has " + heads.size() + " heads (" + String.join(", ", heads)
                    + "); one baseline cannot stand for unmerged branches: run alembic merge, then import");
        }
        return heads.stream().map(rev -> new BaselineEntry("1", "alembic head " + rev, null,
                HistoryImport.rfc3339(Instant.now()), null, true, "alembic_version:" + rev)).toList();
    }
}
