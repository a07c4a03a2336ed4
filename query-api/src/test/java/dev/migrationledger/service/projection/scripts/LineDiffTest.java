package dev.migrationledger.service.projection.scripts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineDiffTest {

    @Test
    void aChangedLineIsOneHunkWithItsContext() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\n";
        String after = "a\nb\nc\nd\nE\nf\ng\nh\n";
        assertThat(LineDiff.unified("old", before, "new", after)).isEqualTo("""
                --- old
                +++ new
                @@ -2,7 +2,7 @@
                 b
                 c
                 d
                -e
                +E
                 f
                 g
                 h
                """);
    }

    @Test
    void distantChangesAreSeparateHunksAndInsertionsCountOnlyOnTheNewSide() {
        StringBuilder before = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            before.append(i).append('\n');
        }
        String after = "0\n" + before.toString().replace("20\n", "");
        assertThat(LineDiff.unified("o", before.toString(), "n", after)).isEqualTo("""
                --- o
                +++ n
                @@ -1,3 +1,4 @@
                +0
                 1
                 2
                 3
                @@ -17,4 +18,3 @@
                 17
                 18
                 19
                -20
                """);
    }

    @Test
    void aTextAgainstNothingIsAllAdded() {
        assertThat(LineDiff.unified("o", "", "n", "x\ny\n")).isEqualTo("--- o\n+++ n\n@@ -0,0 +1,2 @@\n+x\n+y\n");
    }

    @Test
    void identicalTextsHaveNoHunks() {
        assertThat(LineDiff.unified("o", "x\n", "n", "x\n")).isEqualTo("--- o\n+++ n\n");
    }

    @Test
    void aRewriteBeyondTheEditBoundIsEveryLineRemovedAndAdded() {
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        for (int i = 0; i < LineDiff.MAX_EDITS; i++) {
            before.append("old ").append(i).append('\n');
            after.append("new ").append(i).append('\n');
        }
        String diff = LineDiff.unified("o", before.toString(), "n", after.toString());
        assertThat(diff).startsWith("--- o\n+++ n\n@@ -1," + LineDiff.MAX_EDITS + " +1," + LineDiff.MAX_EDITS + " @@\n-old 0\n");
        assertThat(diff.lines().filter(l -> l.startsWith("-old")).count()).isEqualTo(LineDiff.MAX_EDITS);
        assertThat(diff.lines().filter(l -> l.startsWith("+new")).count()).isEqualTo(LineDiff.MAX_EDITS);
    }
}
