package dev.migrationledger.ledger.integrity;

import java.util.List;

/**
 * The outcome of verifying a receipt: every check made, passed or failed, in the order made. A receipt
 * is proven only when every check passed; the failed ones say what to distrust.
 */
public record Verdict(boolean proven, List<Check> checks) {

    /** One named check, e.g. "DSSE signature", with what was found. */
    public record Check(String name, boolean passed, String detail) {
        @Override
        public String toString() {
            return (passed ? "PASS " : "FAIL ") + name + (detail == null || detail.isEmpty() ? "" : ": " + detail);
        }
    }

    public Verdict {
        checks = List.copyOf(checks);
        if (proven && (checks.isEmpty() || checks.stream().anyMatch(c -> !c.passed()))) {
            throw new IllegalArgumentException("a verdict with a failed check is not proven");
        }
    }

    static Verdict of(List<Check> checks) {
        return new Verdict(!checks.isEmpty() && checks.stream().allMatch(Check::passed), checks);
    }

    public List<Check> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** Human-readable: the verdict line, then one line per check. */
    public String render() {
        StringBuilder text = new StringBuilder(proven ? "PROVEN" : "NOT PROVEN");
        if (!proven) {
            text.append(" (").append(failures().size()).append(" check(s) failed)");
        }
        text.append('\n');
        checks.forEach(c -> text.append("  ").append(c).append('\n'));
        return text.toString();
    }
}
