package dev.migrationledger.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -jar bench.jar run [--quick] [--repo DIR]} runs every figure (bench/run.sh calls it);
 * {@code java -jar bench.jar flyway-migrate --dir D --db URL --db-user U} is plain Flyway, the executor
 * comparison's other side (password from {@code LEDGER_DB_PASSWORD}, as for {@code ledger migrate}).
 */
public final class BenchCommand {

    private BenchCommand() {
    }

    public static void main(String[] args) throws Exception {
        List<String> list = List.of(args);
        String command = list.isEmpty() ? "" : list.get(0);
        switch (command) {
            case "run" -> new BenchRun(Path.of(option(list, "--repo", ".")).toAbsolutePath().normalize(),
                    BenchRun.sizes(args), list.contains("--smoke")).run();
            case "flyway-migrate" -> System.exit(FlywayMigrate.run(option(list, "--dir", null), option(list, "--db", null),
                    option(list, "--db-user", "postgres")));
            default -> {
                System.err.println("usage: bench.jar run [--quick | --smoke] [--repo DIR]\n"
                        + "       bench.jar flyway-migrate --dir DIR --db JDBC_URL [--db-user USER]");
                System.exit(2);
            }
        }
        // Lingering HTTP client threads must not keep the JVM, and run.sh, waiting.
        System.exit(0);
    }

    private static String option(List<String> args, String name, String fallback) {
        int at = args.indexOf(name);
        if (at >= 0 && at + 1 < args.size()) {
            return args.get(at + 1);
        }
        if (fallback == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return fallback;
    }
}
