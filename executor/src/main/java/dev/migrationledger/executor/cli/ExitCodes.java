package dev.migrationledger.executor.cli;

/** The CLI's exit codes (SPEC §8): scripts and CI pipelines branch on them. */
public final class ExitCodes {

    public static final int SUCCESS = 0;
    public static final int CHECK_FAILED = 1;
    public static final int USAGE = 2;
    public static final int DENIED = 3;
    public static final int DRIFT = 4;
    public static final int UNREACHABLE = 5;

    private ExitCodes() {
    }
}
