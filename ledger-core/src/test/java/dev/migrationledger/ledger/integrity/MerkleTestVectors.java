package dev.migrationledger.ledger.integrity;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * The public transparency-dev RFC 9162 vectors in {@code shared/testdata/merkle}, found by walking up
 * from the working directory because the repository may be checked out in a worktree beside {@code shared}.
 */
final class MerkleTestVectors {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Vector(Path file, JsonNode json) {
        long number(String field) {
            return json.get(field).asLong();
        }

        byte[] hash(String field) {
            return Base64.getDecoder().decode(json.get(field).asText());
        }

        List<byte[]> proof() {
            List<byte[]> hashes = new ArrayList<>();
            JsonNode proof = json.get("proof");
            if (proof != null && !proof.isNull()) {
                proof.forEach(h -> hashes.add(Base64.getDecoder().decode(h.asText())));
            }
            return hashes;
        }

        boolean wantErr() {
            return json.get("wantErr").asBoolean();
        }

        @Override
        public String toString() {
            return file.getParent().getFileName() + "/" + file.getFileName() + " (" + json.get("desc").asText() + ")";
        }
    }

    private MerkleTestVectors() {
    }

    static List<Vector> load(String kind) {
        Path root = locate();
        assumeTrue(root != null, "shared/testdata/merkle not found above " + Path.of("").toAbsolutePath() + "; RFC 9162 vectors skipped");
        try (Stream<Path> files = Files.walk(root.resolve(kind))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(MerkleTestVectors::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Vector read(Path file) {
        try {
            return new Vector(file, JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/testdata/merkle");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
