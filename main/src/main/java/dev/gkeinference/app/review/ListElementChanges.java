package dev.gkeinference.app.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The elements that differ between two lists of scalars (container args, node locations), aligned on their longest
 * common subsequence: an element replaced in place shows as one change, an inserted or removed one as an addition or
 * removal, and the rest of the list is not repeated. Terraform still compares such a list as a whole; this is only
 * how a review shows it.
 */
final class ListElementChanges {

    /**
     * One differing element; {@code before} or {@code after} is null when it was added or removed.
     *
     * @param index position in the new list, or in the old one for a removal
     */
    record Element(int index, JsonNode before, JsonNode after) {
    }

    private ListElementChanges() {
    }

    /** Whether a value is a list shown element by element: an array without objects in it. */
    static boolean applies(JsonNode before, JsonNode after) {
        return isScalarList(before) && isScalarList(after);
    }

    private static boolean isScalarList(JsonNode node) {
        if (node == null || !node.isArray()) {
            return false;
        }
        for (JsonNode element : node) {
            if (element.isObject()) {
                return false;
            }
        }
        return true;
    }

    /** The differing elements of two scalar lists, in list order. */
    static List<Element> of(JsonNode before, JsonNode after) {
        int[][] common = commonSuffixLengths(before, after);
        List<Element> changes = new ArrayList<>();
        List<Integer> removed = new ArrayList<>();
        List<Integer> added = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < before.size() || j < after.size()) {
            boolean bothLeft = i < before.size() && j < after.size();
            if (bothLeft && before.get(i).equals(after.get(j))) {
                hunk(before, after, removed, added, changes);
                i++;
                j++;
            } else if (j == after.size() || bothLeft && common[i + 1][j] >= common[i][j + 1]) {
                removed.add(i++);
            } else {
                added.add(j++);
            }
        }
        hunk(before, after, removed, added, changes);
        return changes;
    }

    /** Removals and additions between two unchanged elements: pairwise a changed value, the rest added or removed. */
    private static void hunk(JsonNode before, JsonNode after, List<Integer> removed, List<Integer> added,
            List<Element> into) {
        int paired = Math.min(removed.size(), added.size());
        for (int k = 0; k < paired; k++) {
            into.add(new Element(added.get(k), before.get(removed.get(k)), after.get(added.get(k))));
        }
        added.subList(paired, added.size()).forEach(j -> into.add(new Element(j, null, after.get(j))));
        removed.subList(paired, removed.size()).forEach(i -> into.add(new Element(i, before.get(i), null)));
        removed.clear();
        added.clear();
    }

    /** {@code common[i][j]}: length of the longest common subsequence of {@code before[i..]} and {@code after[j..]}. */
    private static int[][] commonSuffixLengths(JsonNode before, JsonNode after) {
        int[][] common = new int[before.size() + 1][after.size() + 1];
        for (int i = before.size() - 1; i >= 0; i--) {
            for (int j = after.size() - 1; j >= 0; j--) {
                common[i][j] = before.get(i).equals(after.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        return common;
    }
}
