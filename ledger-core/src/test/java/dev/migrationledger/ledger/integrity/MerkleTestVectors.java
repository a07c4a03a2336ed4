package dev.migrationledger.ledger.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * The public transparency-dev RFC 9162 vectors, kept in this module's test resources ({@code rfc9162/}, with their
 * LICENSE and SOURCE.md) so that they run in every checkout.
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
        URL root = MerkleTestVectors.class.getResource("rfc9162/" + kind);
        if (root == null) {
            throw new IllegalStateException("the RFC 9162 vectors rfc9162/" + kind + " are missing from the test resources");
        }
        try (Stream<Path> files = Files.walk(Path.of(root.toURI()))) {
            List<Vector> vectors = files.filter(f -> f.toString().endsWith(".json")).sorted()
                    .map(MerkleTestVectors::read).toList();
            if (vectors.isEmpty()) {
                throw new IllegalStateException("no RFC 9162 vectors under rfc9162/" + kind);
            }
            return vectors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Vector read(Path file) {
        try {
            return new Vector(file, JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
