package dev.migrationledger.executor.scan;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrationledger.ledger.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Alembic project made and upgraded by the real Alembic (Debian's python3-alembic with python3-psycopg2,
 * which .ci/run installs): {@code alembic init}, {@code alembic revision}, {@code alembic merge},
 * {@code alembic upgrade}. Tests that need it skip, saying so, where those packages are missing.
 */
final class AlembicProject {

    /** Debian's interpreter, not a pyenv or virtualenv one that lacks the Debian packages. */
    static final String PYTHON = System.getenv().getOrDefault("LEDGER_TEST_PYTHON", "/usr/bin/python3");

    final Path dir;
    final Path versions;
    final TestPostgres.Database db;

    static void assumeAlembic() {
        boolean present;
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import alembic, psycopg2").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            present = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            present = false;
        }
        assumeTrue(present, PYTHON + " cannot import alembic and psycopg2 (apt-get install python3-alembic"
                + " python3-psycopg2; .ci/run does): tests against a history written by real Alembic skipped");
    }

    AlembicProject(Path dir, TestPostgres.Database db) throws Exception {
        this.dir = dir;
        this.db = db;
        this.versions = dir.resolve("migrations/versions");
        alembic("init", "migrations");
        Path ini = dir.resolve("alembic.ini");
        Files.writeString(ini, Files.readString(ini).replaceAll("(?m)^sqlalchemy\\.url = .*$",
                Matcher.quoteReplacement("sqlalchemy.url = " + sqlalchemyUrl(db))));
    }

    /** {@code alembic revision -m MESSAGE --rev-id ID [more]}; its upgrade runs {@code sql} (when not null). */
    void revision(String id, String message, String sql, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("revision", "-m", message, "--rev-id", id));
        args.addAll(List.of(more));
        alembic(args.toArray(String[]::new));
        withUpgrade(id, sql);
    }

    /** {@code alembic merge -m MESSAGE --rev-id ID HEADS...}. */
    void merge(String id, String message, String... heads) throws Exception {
        List<String> args = new ArrayList<>(List.of("merge", "-m", message, "--rev-id", id));
        args.addAll(List.of(heads));
        alembic(args.toArray(String[]::new));
    }

    void upgrade(String target) throws Exception {
        alembic("upgrade", target);
    }

    private void withUpgrade(String id, String sql) throws IOException {
        if (sql == null) {
            return;
        }
        try (var files = Files.list(versions)) {
            Path file = files.filter(f -> f.getFileName().toString().startsWith(id + "_")).findFirst().orElseThrow();
            String text = Files.readString(file);
            int upgrade = text.indexOf("def upgrade()");
            int pass = text.indexOf("    pass", upgrade);
            Files.writeString(file, text.substring(0, pass) + "    op.execute(\"" + sql + "\")" + text.substring(pass + 8));
        }
    }

    private void alembic(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-m", "alembic"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("alembic " + String.join(" ", args) + " failed:\n" + output);
        }
    }

    /** The JDBC URL of a test database as SQLAlchemy's psycopg2 URL. */
    static String sqlalchemyUrl(TestPostgres.Database db) {
        Matcher m = Pattern.compile("jdbc:postgresql://([^/?]+)/([^?]+).*").matcher(db.url());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + db.url());
        }
        String password = db.password() == null || db.password().isEmpty() ? "" : ":" + db.password();
        return "postgresql://" + db.user() + password + "@" + m.group(1) + "/" + m.group(2);
    }
}
