package dev.migrationledger.service.deploy;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production-like stack (docker-compose.yml, Dockerfile, docker/nginx.conf) stays what
 * docs/operations.md promises: pinned images, two replicas on one PostgreSQL and one LEDGER_HOME
 * volume, health checks gating start-up, a non-root image. Where a Docker CLI with compose exists,
 * compose itself validates the file; elsewhere that check is skipped, saying so.
 */
class ComposeFileTest {

    /** A tag with a version number in it, never a floating "latest". */
    private static final Pattern PINNED = Pattern.compile("[^:@]+(:[^:]*\\d[^:]*|@sha256:[0-9a-f]{64})");

    private static final Path ROOT = repositoryRoot();

    @Test
    @SuppressWarnings("unchecked")
    void theStackHasPinnedImagesTwoReplicasAndHealthGatedStartup() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsOnlyKeys("postgres", "ledger", "proxy");

        services.forEach((name, service) -> {
            String image = (String) service.get("image");
            assertThat(image).as(name + " image").isNotNull().matches(PINNED).doesNotEndWith(":latest");
            Map<String, Object> health = (Map<String, Object>) service.get("healthcheck");
            assertThat(health).as(name + " healthcheck").isNotNull().containsKey("test");
        });
        assertThat((String) services.get("postgres").get("image")).startsWith("postgres:17");

        Map<String, Object> ledger = services.get("ledger");
        assertThat(((Map<String, Object>) ledger.get("deploy")).get("replicas")).isEqualTo(2);
        assertThat(String.valueOf(((Map<String, Object>) ledger.get("healthcheck")).get("test"))).contains("/actuator/health");
        assertThat((Map<String, Object>) ledger.get("environment"))
                .containsKeys("LEDGER_DB_URL", "LEDGER_DB_USER", "LEDGER_DB_PASSWORD", "LEDGER_HOME");
        assertThat((List<String>) ledger.get("volumes")).anyMatch(v -> v.startsWith("ledger-home:/var/lib/ledger"));
        assertThat(dependency(ledger, "postgres")).isEqualTo("service_healthy");
        assertThat(dependency(services.get("proxy"), "ledger")).isEqualTo("service_healthy");
        assertThat((Map<String, Object>) compose.get("volumes")).containsKeys("pgdata", "ledger-home");

        String nginx = Files.readString(ROOT.resolve("docker/nginx.conf"));
        assertThat(nginx).contains("server ledger:8080").contains("proxy_pass http://ledger");
    }

    @Test
    void theServiceImageIsPinnedNonRootAndHealthChecked() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("Dockerfile"));
        List<String> bases = lines.stream().filter(l -> l.startsWith("FROM ")).map(l -> l.split("\\s+")[1]).toList();
        assertThat(bases).isNotEmpty().allSatisfy(base -> assertThat(base).startsWith("eclipse-temurin:17.").matches(PINNED));
        assertThat(lines).anyMatch(l -> l.startsWith("USER ") && !l.contains("root"));
        assertThat(lines).anyMatch(l -> l.startsWith("HEALTHCHECK "));
        assertThat(String.join("\n", lines)).contains("/actuator/health").contains("query-api/target/query-api.jar");
    }

    @Test
    void composeItselfAcceptsTheFile() throws Exception {
        List<String> compose = runs(List.of("docker", "compose", "version")) ? List.of("docker", "compose")
                : runs(List.of("docker-compose", "version")) ? List.of("docker-compose") : null;
        Assumptions.assumeTrue(compose != null,
                "skipped: neither `docker compose` nor `docker-compose` is installed here; the YAML checks above still ran");
        List<String> command = new java.util.ArrayList<>(compose);
        command.addAll(List.of("-f", ROOT.resolve("docker-compose.yml").toString(), "config", "-q"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
    }

    @SuppressWarnings("unchecked")
    private static Object dependency(Map<String, Object> service, String on) {
        return ((Map<String, Map<String, Object>>) service.get("depends_on")).get(on).get("condition");
    }

    private static boolean runs(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("docker-compose.yml")) && Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("docker-compose.yml not found above " + Path.of("").toAbsolutePath());
    }
}
