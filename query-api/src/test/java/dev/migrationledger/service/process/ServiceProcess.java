package dev.migrationledger.service.process;

import dev.migrationledger.ledger.testing.TestPostgres;
import dev.migrationledger.service.web.Api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service as an operating-system process: started with {@code java -jar}, killed with
 * SIGKILL, restarted on the same port, database and LEDGER_HOME. Its output (every run appended) is
 * kept in one file, so tests can search it for secrets. Without a database it runs as the README's
 * first command does: on its embedded PostgreSQL under LEDGER_HOME.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;
    private final TestPostgres.Database database;
    private final Path home;
    private final Path log;
    private final List<String> extraArguments;
    private Process process;

    /** The embedded default: no database configured, the data under {@code home/pgdata}. */
    static ServiceProcess embedded(Path home, String... extraArguments) {
        return new ServiceProcess(null, home, extraArguments);
    }

    ServiceProcess(TestPostgres.Database database, Path home, String... extraArguments) {
        this.port = freePort();
        this.database = database;
        this.home = home;
        this.log = home.resolve("service-" + port + ".log");
        this.extraArguments = List.of(extraArguments);
    }

    /** Starts the process and waits until /actuator/health answers UP; returns how long that took. */
    Duration start() {
        long begin = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(javaBinary(),
                // C1 only and the serial collector: these processes live seconds, restarts dominate the run time
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m",
                "-jar", ServiceJar.extracted().toString(),
                "--server.port=" + port,
                "--ledger.home=" + home));
        if (database != null) {
            command.add("--spring.datasource.url=" + database.url());
            command.add("--spring.datasource.username=" + database.user());
            if (!database.password().isEmpty()) {
                command.add("--spring.datasource.password=" + database.password());
            }
        }
        command.addAll(extraArguments);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (database == null) {
                // whatever the developer's shell exports, this run must take the embedded path
                builder.environment().keySet().removeIf(name -> name.startsWith("LEDGER_DB") || name.startsWith("SPRING_DATASOURCE"));
            }
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitHealthy();
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    /** SIGKILL: no shutdown hooks, no connection cleanup, no flushing — a power cut for the process. */
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor();
        }
    }

    /** SIGTERM, the graceful stop (a container runtime's, systemd's); returns how long it took. */
    Duration stop() {
        return signal("TERM");
    }

    /**
     * Sends a signal by name ({@code INT} is Ctrl-C in a terminal, and what {@code spring-boot:run}
     * passes on) and waits for the process to end; returns how long that took.
     */
    Duration signal(String name) {
        long begin = System.nanoTime();
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        waitFor();
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    /** Whether the process inherited SIGINT as ignored (its SigIgn mask in /proc): then Ctrl-C cannot reach it. */
    boolean ignoresInterrupt() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << 1)) != 0;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    int exitCode() {
        return process.exitValue();
    }

    /** Where the log is now: {@link #outputSince} reads what was written after this point. */
    int outputMark() {
        return output().length();
    }

    String outputSince(int mark) {
        return output().substring(mark);
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Api admin() {
        return Api.admin(port, home);
    }

    /** Registers a project with these environments (as admin) and returns a client with the ci role. */
    Api ciWithProject(String project, String... environments) {
        Api admin = admin();
        Api.Response registered = admin.post("/api/v1/projects", java.util.Map.of("id", project, "environments",
                java.util.Arrays.stream(environments).map(name -> java.util.Map.of("name", name)).toList()));
        if (registered.status() != 201) {
            throw new IllegalStateException("could not register " + project + ": " + registered.status() + " " + registered.body());
        }
        return admin.as("ci-bot", "ci");
    }

    /** What every thread of the service is doing (jcmd from the JDK running the tests), for a stop that hangs. */
    private String threadDump() {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String threads = new String(dump.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            dump.waitFor(20, TimeUnit.SECONDS);
            return threads;
        } catch (IOException e) {
            return "(no thread dump: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Kills the service; on the embedded default, its PostgreSQL too, which would otherwise outlive a
     * failed test (the next start would stop it, but no start comes).
     */
    @Override
    public void close() {
        kill();
        if (database == null) {
            EmbeddedCluster cluster = new EmbeddedCluster(home);
            if (cluster.running()) {
                cluster.killServer();
            }
        }
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(100);
        }
        kill();
        throw new IllegalStateException("the service was not healthy within " + START_LIMIT + ":\n" + tail());
    }

    private String tail() {
        String out = output();
        return out.substring(Math.max(0, out.length() - 4000));
    }

    private void waitFor() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the service process " + process.pid() + " did not end; its threads:\n"
                        + threadDump());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Spaces out load and kill bursts, and paces the health poll whose loop measures restart time to
     * 100 ms. Not a wait for a condition (those use Awaitility): the time between actions is the point.
     */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String javaBinary() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
