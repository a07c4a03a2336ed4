package dev.migrationledger.service.config.embedded;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The product's embedded PostgreSQL: durable settings, and every state a crashed predecessor can leave
 * behind in LEDGER_HOME (a postmaster still running, a lock file of a dead one, a lock file whose PID
 * another program now has, a postmaster killed under the running service).
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedPostgresServerTest {

    @TempDir
    static Path shared;
    @TempDir
    Path home;

    private static Path binaries;
    private static Path template;
    private final List<EmbeddedPostgresServer> servers = new ArrayList<>();

    /**
     * One unpacked bundle for every test's home (a symlink), instead of 60 MB per test; and one cluster
     * made by the server's own initdb, copied into the homes of the tests that start from an existing one.
     */
    @BeforeAll
    static void unpackOnce() throws IOException {
        binaries = PostgresBinaries.unpackInto(shared.resolve("pgsql")).root();
        Path templateHome = Files.createDirectories(shared.resolve("template"));
        Files.createSymbolicLink(templateHome.resolve("pgsql"), binaries);
        try (EmbeddedPostgresServer server = new EmbeddedPostgresServer(templateHome, EmbeddedPostgresSettings.defaults())) {
            server.start();
        }
        template = templateHome.resolve("pgdata");
    }

    @AfterEach
    void stopEverything() {
        servers.forEach(EmbeddedPostgresServer::close);
        new ClusterProcesses(home.resolve("pgdata")).all().forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void runsWithPostgresDurableDefaultsVisibleOnItsCommandLine() throws Exception {
        EmbeddedPostgresServer server = server();
        server.start();

        for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes", "data_checksums")) {
            assertThat(show(server, setting)).as(setting).isEqualTo("on");
        }
        List<String> commandLine = List.of(ProcessHandle.of(server.pid()).orElseThrow().info().arguments().orElseThrow());
        assertThat(commandLine).doesNotContain("-F").contains("fsync=on", "synchronous_commit=on", "full_page_writes=on");
        assertThat(server.dataDirectory().resolve("log")).isDirectoryContaining("glob:**/postgresql-*.log");
    }

    @Test
    void aPostmasterLeftRunningByAKilledServiceIsStoppedAndItsDataKept(CapturedOutput output) throws Exception {
        copy(template, home.resolve("pgdata"));
        long orphan = orphanWithOneFact();

        EmbeddedPostgresServer next = server();
        next.start();

        assertThat(ClusterProcesses.alive(orphan)).isFalse();
        assertThat(next.pid()).isNotEqualTo(orphan);
        assertThat(facts(next)).containsExactly("acknowledged");
        assertThat(output).contains("Found PostgreSQL (PID " + orphan).contains("Stopped the earlier PostgreSQL (PID "
                + orphan + ") by fast shutdown");
    }

    /**
     * The issue as users met it: the earlier release ran io.zonky's server (fsync off) and left it running
     * when it was killed. This release stops it, opens its data and runs it durably.
     */
    @Test
    void anOrphanOfTheEarlierReleaseIsStoppedAndItsDataRunDurably(CapturedOutput output) throws Exception {
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres earlier = io.zonky.test.db.postgres.embedded.EmbeddedPostgres
                .builder().setDataDirectory(home.resolve("pgdata")).setCleanDataDirectory(false).start();
        try {
            try (Connection c = earlier.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE fact (what text)");
                st.execute("INSERT INTO fact VALUES ('acknowledged')");
            }
            long orphan = PostmasterPidFile.in(home.resolve("pgdata")).orElseThrow().pid();

            EmbeddedPostgresServer next = server();
            next.start();

            assertThat(ClusterProcesses.alive(orphan)).isFalse();
            assertThat(output).contains("Stopped the earlier PostgreSQL (PID " + orphan + ")");
            assertThat(facts(next)).containsExactly("acknowledged");
            assertThat(show(next, "fsync")).isEqualTo("on");
            assertThat(show(next, "synchronous_commit")).isEqualTo("on");
        } finally {
            servers.forEach(EmbeddedPostgresServer::close);
            earlier.close();
        }
    }

    @Test
    void aLockFileOfADeadPostmasterIsLeftToCrashRecovery(CapturedOutput output) throws Exception {
        copy(template, home.resolve("pgdata"));
        long orphan = orphanWithOneFact();
        killCluster(orphan);
        // reaped, not a zombie any more: the PID is free (an unreaped one is moved aside, as an other program's)
        await().atMost(Duration.ofSeconds(60)).until(() -> ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false) == false);
        assertThat(PostmasterPidFile.in(home.resolve("pgdata"))).isPresent();

        EmbeddedPostgresServer next = server();
        next.start();

        assertThat(facts(next)).containsExactly("acknowledged");
        assertThat(output).contains("(PID " + orphan + ") did not shut down cleanly");
        assertThat(ServerLog.tail(next.dataDirectory()) + allServerLogs()).contains("was interrupted");
    }

    @Test
    void aLockFileWhosePidAnotherProgramNowHasIsMovedAside(CapturedOutput output) throws Exception {
        copy(template, home.resolve("pgdata"));
        EmbeddedPostgresServer first = server();
        first.start();
        List<String> pidFile = Files.readAllLines(first.dataDirectory().resolve(PostmasterPidFile.NAME));
        insertFact(first);
        first.close();
        pidFile.set(0, Long.toString(ProcessHandle.current().pid()));
        Files.write(home.resolve("pgdata").resolve(PostmasterPidFile.NAME), pidFile);

        EmbeddedPostgresServer next = server();
        next.start();

        assertThat(facts(next)).containsExactly("acknowledged");
        assertThat(home.resolve("pgdata").resolve("postmaster.pid.stale")).exists();
        assertThat(output).contains("names PID " + ProcessHandle.current().pid() + ", which is not a running PostgreSQL");
    }

    @Test
    void aPostmasterKilledUnderTheServiceIsStartedAgainOnTheSamePort(CapturedOutput output) throws Exception {
        copy(template, home.resolve("pgdata"));
        EmbeddedPostgresServer server = server();
        server.start();
        insertFact(server);
        long killed = server.pid();
        int port = server.port();

        killCluster(killed);

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            assertThat(server.pid()).isNotEqualTo(killed);
            assertThat(facts(server)).containsExactly("acknowledged");
        });
        assertThat(server.port()).isEqualTo(port);
        assertThat(output).contains("The embedded PostgreSQL (PID " + killed + ") is gone; starting it again");
    }

    @Test
    void aSecondServiceOnTheSameHomeIsRefused() throws IOException {
        copy(template, home.resolve("pgdata"));
        server().start();

        EmbeddedPostgresException refused = catchThrowableOfType(() -> server().start(), EmbeddedPostgresException.class);

        assertThat(refused.getMessage()).contains("another ledger service (PID " + ProcessHandle.current().pid() + ")");
        assertThat(refused.action()).contains("LEDGER_DB_URL");
    }

    @Test
    void aDirectoryThatIsNotADataDirectoryIsRefusedAndLeftAsItIs() throws IOException {
        Path precious = Files.createDirectories(home.resolve("pgdata")).resolve("precious.txt");
        Files.writeString(precious, "not PostgreSQL's");

        EmbeddedPostgresException refused = catchThrowableOfType(() -> server().start(), EmbeddedPostgresException.class);

        assertThat(refused.getMessage()).contains("not a PostgreSQL data directory");
        assertThat(precious).hasContent("not PostgreSQL's");
    }

    @Test
    void aStopIsAFastShutdownThatRemovesTheLockFile(CapturedOutput output) throws IOException {
        copy(template, home.resolve("pgdata"));
        EmbeddedPostgresServer server = server();
        server.start();
        long pid = server.pid();

        server.close();

        assertThat(ClusterProcesses.alive(pid)).isFalse();
        assertThat(home.resolve("pgdata").resolve(PostmasterPidFile.NAME)).doesNotExist();
        assertThat(output).contains("Embedded PostgreSQL (PID " + pid + ") stopped by fast shutdown");
    }

    /** docs/operations.md's cold backup: the copied home of a stopped server starts elsewhere with every fact. */
    @Test
    void aCopyOfAStoppedServersHomeIsABackupThatStartsElsewhere(@TempDir Path restored) throws Exception {
        copy(template, home.resolve("pgdata"));
        EmbeddedPostgresServer server = server();
        server.start();
        insertFact(server);
        server.close();
        copy(home.resolve("pgdata"), restored.resolve("pgdata"));
        Files.createSymbolicLink(restored.resolve("pgsql"), binaries);

        EmbeddedPostgresServer elsewhere = new EmbeddedPostgresServer(restored, EmbeddedPostgresSettings.defaults());
        servers.add(elsewhere);
        elsewhere.start();

        assertThat(facts(elsewhere)).containsExactly("acknowledged");
    }

    private EmbeddedPostgresServer server() {
        linkBinaries();
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(home, EmbeddedPostgresSettings.defaults());
        servers.add(server);
        return server;
    }

    private void linkBinaries() {
        try {
            if (!Files.exists(home.resolve("pgsql"))) {
                Files.createSymbolicLink(home.resolve("pgsql"), binaries);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Files.copy(source, to.resolve(from.relativize(source).toString()));
            }
        }
    }

    /**
     * What a SIGKILLed service leaves: its postmaster running on pgdata, with a committed fact, and no
     * live service holding LEDGER_HOME's lock.
     */
    private long orphanWithOneFact() throws Exception {
        linkBinaries();
        PgCtl pgCtl = new PgCtl(PostgresBinaries.unpackInto(home.resolve("pgsql")));
        int port = freePort();
        PgCtl.Result started = pgCtl.run(Duration.ofSeconds(60), "pg_ctl", "start", "-D", home.resolve("pgdata").toString(),
                "-w", "-l", home.resolve("orphan.log").toString(), "-o", "-p " + port + " -c listen_addresses=127.0.0.1");
        assertThat(started.ok()).as(started.output()).isTrue();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres");
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE fact (what text)");
            st.execute("INSERT INTO fact VALUES ('acknowledged')");
        }
        return PostmasterPidFile.in(home.resolve("pgdata")).orElseThrow().pid();
    }

    /** SIGKILL for the postmaster and every backend at once, as the OOM killer or a cgroup kill would. */
    private void killCluster(long postmasterPid) {
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(0, postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(30)).until(() -> all.stream().noneMatch(ClusterProcesses::alive));
    }

    private static void insertFact(EmbeddedPostgresServer server) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE fact (what text)");
            st.execute("INSERT INTO fact VALUES ('acknowledged')");
        }
    }

    private static List<String> facts(EmbeddedPostgresServer server) throws SQLException {
        List<String> facts = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT what FROM fact")) {
            while (rs.next()) {
                facts.add(rs.getString(1));
            }
        }
        return facts;
    }

    private static String show(EmbeddedPostgresServer server, String setting) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private String allServerLogs() throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(home.resolve("pgdata").resolve("log"))) {
            for (Path file : files.toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
