package dev.migrationledger.ledger.integrity;

import java.util.ArrayList;
import java.util.List;

/** The checks a verification has made so far, in order; becomes a {@link Verdict}. */
final class CheckList {

    private final List<Verdict.Check> checks = new ArrayList<>();

    boolean check(String name, boolean passed, String detail) {
        checks.add(new Verdict.Check(name, passed, detail));
        return passed;
    }

    boolean pass(String name, String detail) {
        return check(name, true, detail);
    }

    boolean fail(String name, String detail) {
        return check(name, false, detail);
    }

    Verdict verdict() {
        return Verdict.of(checks);
    }
}
