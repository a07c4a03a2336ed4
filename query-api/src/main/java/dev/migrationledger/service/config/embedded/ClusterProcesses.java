package dev.migrationledger.service.config.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The live processes of the PostgreSQL cluster in one data directory: its postmaster and backends.
 * A PID alone proves nothing (PIDs are reused, in containers all the time); on Linux a process belongs
 * to the cluster when it runs a program named {@code postgres} with the data directory as its working
 * directory (every PostgreSQL process changes into it). Elsewhere, the postmaster is recognised by
 * the data directory on its command line; its backends then go when it goes.
 */
final class ClusterProcesses {

    private static final Path PROC = Path.of("/proc");

    private final Path dataDirectory;

    ClusterProcesses(Path dataDirectory) {
        this.dataDirectory = realPath(dataDirectory);
    }

    /** Every live process of this cluster. */
    List<ProcessHandle> all() {
        return ProcessHandle.allProcesses().filter(ClusterProcesses::alive).filter(this::belongs).toList();
    }

    /** The process with this PID, if it is alive and a PostgreSQL process of this cluster. */
    Optional<ProcessHandle> process(long pid) {
        return ProcessHandle.of(pid).filter(ClusterProcesses::alive).filter(this::belongs);
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ClusterProcesses::alive).orElse(false);
    }

    /**
     * Alive and not a zombie. A server pg_ctl started is not this JVM's child: once it exits it stays a
     * zombie until its new parent reaps it, which in a container whose PID 1 does not reap is never;
     * {@link ProcessHandle#isAlive()} counts zombies as alive.
     */
    static boolean alive(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(process.pid())).resolve("stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException noStat) {
            // no /proc (not Linux): isAlive is all there is; with /proc, the process is gone
            return !Files.isDirectory(PROC);
        }
    }

    boolean belongs(ProcessHandle process) {
        if (!runsPostgres(process)) {
            return false;
        }
        if (Files.isDirectory(PROC)) {
            try {
                Path cwd = Files.readSymbolicLink(PROC.resolve(Long.toString(process.pid())).resolve("cwd"));
                return cwd.equals(dataDirectory);
            } catch (IOException | UnsupportedOperationException | SecurityException notOurs) {
                return false;
            }
        }
        return process.info().arguments().map(Arrays::asList)
                .map(args -> args.stream().anyMatch(arg -> realPath(Path.of(arg)).equals(dataDirectory)))
                .orElse(false);
    }

    private static boolean runsPostgres(ProcessHandle process) {
        // " (deleted)": the program still runs after its binaries were replaced by a newer bundle
        return process.info().command().map(command -> command.replace(" (deleted)", "")).map(Path::of)
                .map(Path::getFileName).map(Path::toString)
                .map(name -> name.equals("postgres") || name.equals("postgres.exe")).orElse(false);
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException | RuntimeException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
