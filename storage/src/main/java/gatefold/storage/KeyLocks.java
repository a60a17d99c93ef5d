package gatefold.storage;

/** Striped monitors, so a blob and its sidecar, or a part and its siblings, change together. */
final class KeyLocks {

    private final Object[] stripes = new Object[64];

    KeyLocks() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    Object lockFor(String name) {
        return stripes[Math.floorMod(name.hashCode(), stripes.length)];
    }
}
