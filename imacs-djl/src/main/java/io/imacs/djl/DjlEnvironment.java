package io.imacs.djl;

/** DJL must never try to download an engine: set ai.djl.offline before DJL's Engine class starts. */
final class DjlEnvironment {
    private DjlEnvironment() {}

    static void offline() {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }
}
