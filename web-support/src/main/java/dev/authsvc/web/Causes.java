package dev.authsvc.web;

/** Looks through an exception's chain of causes, the exception itself first. */
public final class Causes {

    private Causes() {
    }

    /** The first throwable of that type in the chain, or null. */
    public static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    public static boolean has(Throwable e, Class<? extends Throwable> type) {
        return find(e, type) != null;
    }
}
