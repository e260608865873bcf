package dev.authsvc.standalone;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Keeps this process's heap near what the broker and the supervisors use. {@code java -jar standalone.jar} runs with
 * the JVM's defaults (G1, a heap of up to a quarter of the machine's memory), and the start alone leaves a few
 * hundred MB committed and touched that G1 would hold on to for good. The free-ratio flags are manageable, so this
 * process can set them on itself: each full GC and each concurrent cycle then gives back what is more than
 * 30 % free. Options given on the command line win ({@code -XX:MaxHeapFreeRatio=...} is left as it is).
 */
final class LauncherHeap {

    static final String MIN_FREE = "MinHeapFreeRatio";
    static final String MAX_FREE = "MaxHeapFreeRatio";

    private LauncherHeap() {
    }

    /** Lowers the free ratios (unless set on the command line); false when this JVM does not allow it. */
    static boolean keepSmall() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hotSpot.getVMOption(MAX_FREE).getOrigin() != com.sun.management.VMOption.Origin.DEFAULT) {
                return false;
            }
            // Min first: Min must stay at most Max at every step.
            hotSpot.setVMOption(MIN_FREE, "10");
            hotSpot.setVMOption(MAX_FREE, "30");
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** Once the stack is up: collects the start's garbage and returns the space it took to the system. */
    static void trimAfterStart() {
        // The one explicit GC: the start's garbage is known to be dead here, and nothing else would make G1
        // shrink a heap that a quiet broker never fills again.
        System.gc();
    }
}
