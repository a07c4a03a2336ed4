package dev.migrationledger.service.projection.scripts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A unified diff (the {@code diff -u} format, 3 lines of context) of two script texts, by Myers'
 * O(ND) algorithm after trimming the common head and tail. Past {@value #MAX_EDITS} edits the diff
 * shows every old line removed and every new line added: a replan that rewrote the script reads no
 * better as a minimal diff, and the bound keeps a 1 MiB script's diff cheap.
 */
final class LineDiff {

    static final int MAX_EDITS = 4000;
    private static final int CONTEXT = 3;

    private enum Op { KEEP, DELETE, INSERT }

    private record Edit(Op op, String line) {
    }

    private LineDiff() {
    }

    static String unified(String oldName, String oldText, String newName, String newText) {
        String[] a = lines(oldText);
        String[] b = lines(newText);
        List<Edit> edits = edits(a, b);
        StringBuilder out = new StringBuilder("--- ").append(oldName).append('\n')
                .append("+++ ").append(newName).append('\n');
        int[] oldLine = new int[edits.size() + 1];
        int[] newLine = new int[edits.size() + 1];
        for (int i = 0, o = 1, n = 1; i < edits.size(); i++) {
            oldLine[i] = o;
            newLine[i] = n;
            if (edits.get(i).op != Op.INSERT) {
                o++;
            }
            if (edits.get(i).op != Op.DELETE) {
                n++;
            }
        }
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op == Op.KEEP) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < edits.size()) {
                if (edits.get(end).op != Op.KEEP) {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + 1 + CONTEXT);
            int oldCount = 0;
            int newCount = 0;
            for (int k = start; k < end; k++) {
                oldCount += edits.get(k).op != Op.INSERT ? 1 : 0;
                newCount += edits.get(k).op != Op.DELETE ? 1 : 0;
            }
            out.append("@@ -").append(range(oldLine[start], oldCount)).append(" +")
                    .append(range(newLine[start], newCount)).append(" @@\n");
            for (int k = start; k < end; k++) {
                Edit e = edits.get(k);
                out.append(e.op == Op.KEEP ? ' ' : e.op == Op.DELETE ? '-' : '+').append(e.line).append('\n');
            }
            i = end;
        }
        return out.toString();
    }

    /** diff -u writes an empty range as the line before it. */
    private static String range(int first, int count) {
        return count == 0 ? (first - 1) + ",0" : count == 1 ? Integer.toString(first) : first + "," + count;
    }

    private static String[] lines(String text) {
        if (text.isEmpty()) {
            return new String[0];
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return body.split("\n", -1);
    }

    private static List<Edit> edits(String[] a, String[] b) {
        int head = 0;
        while (head < a.length && head < b.length && a[head].equals(b[head])) {
            head++;
        }
        int tail = 0;
        while (tail < a.length - head && tail < b.length - head
                && a[a.length - 1 - tail].equals(b[b.length - 1 - tail])) {
            tail++;
        }
        List<Edit> edits = new ArrayList<>();
        for (int k = 0; k < head; k++) {
            edits.add(new Edit(Op.KEEP, a[k]));
        }
        String[] x = Arrays.copyOfRange(a, head, a.length - tail);
        String[] y = Arrays.copyOfRange(b, head, b.length - tail);
        List<Edit> middle = myers(x, y);
        if (middle == null) {
            middle = new ArrayList<>();
            for (String line : x) {
                middle.add(new Edit(Op.DELETE, line));
            }
            for (String line : y) {
                middle.add(new Edit(Op.INSERT, line));
            }
        }
        edits.addAll(middle);
        for (int k = a.length - tail; k < a.length; k++) {
            edits.add(new Edit(Op.KEEP, a[k]));
        }
        return edits;
    }

    /** The shortest edit script, or null past {@link #MAX_EDITS}. */
    private static List<Edit> myers(String[] a, String[] b) {
        int n = a.length;
        int m = b.length;
        int max = Math.min(n + m, MAX_EDITS);
        List<int[]> trace = new ArrayList<>();
        int[] v = new int[2 * max + 3];
        int offset = max + 1;
        for (int d = 0; d <= max; d++) {
            for (int k = -d; k <= d; k += 2) {
                int xPos = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                        ? v[offset + k + 1] : v[offset + k - 1] + 1;
                int yPos = xPos - k;
                while (xPos < n && yPos < m && a[xPos].equals(b[yPos])) {
                    xPos++;
                    yPos++;
                }
                v[offset + k] = xPos;
                if (xPos >= n && yPos >= m) {
                    trace.add(Arrays.copyOfRange(v, offset - d, offset + d + 1));
                    return backtrack(trace, a, b);
                }
            }
            trace.add(Arrays.copyOfRange(v, offset - d, offset + d + 1));
        }
        return null;
    }

    private static List<Edit> backtrack(List<int[]> trace, String[] a, String[] b) {
        List<Edit> reversed = new ArrayList<>();
        int xPos = a.length;
        int yPos = b.length;
        for (int d = trace.size() - 1; d > 0; d--) {
            int[] previous = trace.get(d - 1);
            int k = xPos - yPos;
            boolean down = k == -d || (k != d && at(previous, d - 1, k - 1) < at(previous, d - 1, k + 1));
            int prevK = down ? k + 1 : k - 1;
            int prevX = at(previous, d - 1, prevK);
            int prevY = prevX - prevK;
            while (xPos > prevX && yPos > prevY) {
                reversed.add(new Edit(Op.KEEP, a[--xPos]));
                yPos--;
            }
            if (down) {
                reversed.add(new Edit(Op.INSERT, b[--yPos]));
            } else {
                reversed.add(new Edit(Op.DELETE, a[--xPos]));
            }
        }
        while (xPos > 0 && yPos > 0) {
            reversed.add(new Edit(Op.KEEP, a[--xPos]));
            yPos--;
        }
        List<Edit> edits = new ArrayList<>(reversed.size());
        for (int i = reversed.size() - 1; i >= 0; i--) {
            edits.add(reversed.get(i));
        }
        return edits;
    }

    /** v[k] of round d, stored as the slice k = -d..d. */
    private static int at(int[] slice, int d, int k) {
        return slice[k + d];
    }
}
