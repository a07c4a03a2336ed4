package dev.migrationledger.service.process;

import dev.migrationledger.ledger.testing.TestPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * The service's embedded PostgreSQL seen from outside, as an operator sees it: its lock file in
 * {@code LEDGER_HOME/pgdata/postmaster.pid} names the postmaster's PID and port.
 */
final class EmbeddedCluster {

    private final Path dataDirectory;

    EmbeddedCluster(Path home) {
        this.dataDirectory = home.resolve("pgdata");
    }

    boolean running() {
        return Files.exists(dataDirectory.resolve("postmaster.pid")) && alive(postmasterPid());
    }

    long postmasterPid() {
        return Long.parseLong(pidFileLine(0));
    }

    /** The ledger's database on the server as it runs now (the port is chosen afresh at every start). */
    TestPostgres.Database database() {
        return new TestPostgres.Database("postgres", "jdbc:postgresql://127.0.0.1:" + pidFileLine(3) + "/postgres",
                "postgres", "");
    }

    String show(String setting) {
        try (Connection c = database().connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL for the postmaster and all its backends at once, as the OOM killer or a cgroup kill would. */
    void killServer() {
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid()).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(0, postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(30)).until(() -> all.stream().noneMatch(p -> alive(p.pid())));
    }

    /** Alive and not a zombie (the postmaster is no child of ours; its reaper may take a while). */
    static boolean alive(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
            } catch (IOException gone) {
                return false;
            }
        }
        return false;
    }

    private String pidFileLine(int index) {
        try {
            return Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(index).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
