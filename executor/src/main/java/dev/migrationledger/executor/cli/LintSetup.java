package dev.migrationledger.executor.cli;

import dev.migrationledger.executor.lint.LintConfig;
import dev.migrationledger.executor.lint.Linter;
import dev.migrationledger.executor.lint.Suppressions;
import dev.migrationledger.executor.lint.SuppressionsFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds and reads the lint configuration for {@code ledger lint} and {@code ledger plan}: {@code --config}
 * (or {@code LEDGER_LINT_CONFIG}), else {@code ledger-lint.toml} in the working directory, else in the
 * migration directory, else the defaults; and the suppressions file: {@code --suppressions} (or
 * {@code LEDGER_SUPPRESSIONS}), else {@code ledger-suppressions.json} in the working directory, else none.
 */
final class LintSetup {

    private LintSetup() {
    }

    static LintConfig config(Path explicit, Path dir) {
        Path file = explicit;
        if (file == null) {
            Path here = Path.of(LintConfig.FILE_NAME);
            Path inDir = dir.resolve(LintConfig.FILE_NAME);
            file = Files.isRegularFile(here) ? here : Files.isRegularFile(inDir) ? inDir : null;
        } else if (!Files.isRegularFile(file)) {
            throw new dev.migrationledger.executor.lint.LintConfigException("lint configuration " + file
                    + " does not exist; pass an existing file with --config or leave it out");
        }
        return file == null ? LintConfig.DEFAULTS : LintConfig.read(file, Linter.ALL_RULES);
    }

    /** Where the suppressions file is, or is written by {@code --suppress-all}. */
    static Path suppressionsPath(Path explicit) {
        return explicit != null ? explicit : Path.of(Suppressions.FILE_NAME);
    }

    /** The suppressions to honour: a file named explicitly must exist; the default one may be absent. */
    static Suppressions suppressions(Path explicit) {
        Path file = suppressionsPath(explicit);
        if (explicit == null && !Files.exists(file)) {
            return Suppressions.NONE;
        }
        return SuppressionsFile.read(file, Linter.ALL_RULES);
    }

    /**
     * What to put before a finding's file (relative to the migration directory) so that it is relative to
     * the repository: {@code GITHUB_WORKSPACE} when set, else the working directory.
     */
    static String pathPrefix(Path dir) {
        String workspace = System.getenv("GITHUB_WORKSPACE");
        Path root = (workspace == null || workspace.isBlank() ? Path.of("") : Path.of(workspace)).toAbsolutePath().normalize();
        Path absolute = dir.toAbsolutePath().normalize();
        if (!absolute.startsWith(root)) {
            return absolute.toString().replace('\\', '/') + "/";
        }
        String relative = root.relativize(absolute).toString().replace('\\', '/');
        return relative.isEmpty() ? "" : relative + "/";
    }
}
