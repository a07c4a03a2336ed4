package dev.migrationledger.executor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationledger.executor.cli.LedgerCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code ledger …} in its own JVM, with the connection to a ledger in its environment, as CI runs it. */
final class LedgerCli {

    record Run(int exit, String output) {
    }

    private final Map<String, String> environment = new HashMap<>();

    LedgerCli(String url, String token) {
        environment.putAll(Map.of("LEDGER_URL", url, "LEDGER_TOKEN", token, "LEDGER_RETRIES", "3",
                "LEDGER_RETRY_DELAY_MS", "100"));
    }

    /** The same CLI talking to another URL (a proxy in front of the ledger, say). */
    LedgerCli via(String url) {
        LedgerCli other = new LedgerCli(url, environment.get("LEDGER_TOKEN"));
        other.environment.putAll(environment);
        other.environment.put("LEDGER_URL", url);
        return other;
    }

    LedgerCli with(String variable, String value) {
        LedgerCli other = via(environment.get("LEDGER_URL"));
        other.environment.put(variable, value == null ? "" : value);
        return other;
    }

    Run run(String... args) throws Exception {
        // C1 only and the serial collector: a short-lived CLI starts faster, which adds up over many runs
        List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), LedgerCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
