package io.incident.views.flame;

import io.incident.model.SampleTrack;
import io.incident.model.Source;
import io.incident.model.StackTable;
import io.incident.model.StringTable;

import java.util.Arrays;

/**
 * Aggregates a {@link SampleTrack} into a {@link FlameTree} in time linear in samples plus call sites: values are
 * summed per leaf call site, call sites are marked used up to the root in reverse id order (ids are assigned parent
 * before child), then each used call site is merged by function name into its parent's node.
 */
public final class FlameTreeBuilder {
    /** Name of the root node of every tree built from a profile. */
    public static final String ROOT_NAME = "all";

    private FlameTreeBuilder() {
    }

    public static FlameTree build(Source source, SampleTrack track, int sampleType, FlameFilter filter) {
        if (sampleType < 0 || sampleType >= track.types().size()) {
            throw new IllegalArgumentException("sample type " + sampleType + " outside 0.." + (track.types().size() - 1));
        }
        StackTable stacks = source.stacks();
        int sites = stacks.callsiteCount();
        long[] siteSelf = new long[sites];
        boolean[] used = new boolean[sites];
        for (int i = 0; i < track.size(); i++) {
            if (filter.accepts(track, i)) {
                int leaf = track.stack(i);
                siteSelf[leaf] += track.value(i, sampleType);
                used[leaf] = true;
            }
        }
        for (int s = sites - 1; s > 0; s--) {
            if (used[s]) {
                used[stacks.parent(s)] = true;
            }
        }
        NodeAccumulator acc = new NodeAccumulator(ROOT_NAME, 1, sites);
        int[] frameName = frameNames(source, acc, filter.splitByLine());
        int[] nodeOf = new int[sites];
        acc.addSelf(0, 0, siteSelf[0]);
        for (int s = 1; s < sites; s++) {
            if (used[s]) {
                int node = acc.child(nodeOf[stacks.parent(s)], frameName[stacks.frameOf(s)]);
                nodeOf[s] = node;
                acc.addSelf(node, 0, siteSelf[s]);
            }
        }
        return acc.build();
    }

    /** Builds with the track's default sample type and no filter. */
    public static FlameTree build(Source source, SampleTrack track) {
        return build(source, track, track.defaultType(), FlameFilter.ALL);
    }

    /** Name id in the accumulator for each frame: the function, or "function:line" when split by line. */
    private static int[] frameNames(Source source, NodeAccumulator acc, boolean byLine) {
        StackTable stacks = source.stacks();
        StringTable strings = source.strings();
        int[] byFunction = new int[strings.size()];
        Arrays.fill(byFunction, -1);
        int[] out = new int[stacks.frameCount()];
        out[0] = acc.nameId("(unknown)");
        for (int f = 1; f < out.length; f++) {
            int fn = stacks.frameFunction(f);
            String fnName = fn == 0 ? "(unknown)" : strings.get(fn);
            if (byLine && stacks.frameLine(f) > 0) {
                out[f] = acc.nameId(fnName + ":" + stacks.frameLine(f));
            } else {
                if (byFunction[fn] < 0) {
                    byFunction[fn] = acc.nameId(fnName);
                }
                out[f] = byFunction[fn];
            }
        }
        return out;
    }
}
