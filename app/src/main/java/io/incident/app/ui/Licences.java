package io.incident.app.ui;

/** The licences of the libraries bundled in the workbench, for the About dialog. */
final class Licences {
    private Licences() {
    }

    static String text() {
        return String.join("\n",
                "Incident Workbench is licensed under the MIT License.",
                "",
                "Bundled libraries (the jars in workbench.jar and in the installers):",
                "  OpenJFX 21 (base, graphics, controls, swing) \u2014 GPL v2 with the Classpath Exception",
                "  TestFX Monocle (headless snapshots) \u2014 GPL v2 with the Classpath Exception",
                "  H2 Database Engine (MVStore) \u2014 MPL 2.0 or EPL 1.0",
                "  Jackson (core, databind, annotations, JSR-310 types) \u2014 Apache License 2.0",
                "  FastDoubleParser, inside jackson-core \u2014 MIT; parts from fast_float (MIT),",
                "    fast_double_parser (BSL 1.0) and bigint (BSD 2-Clause)",
                "  Apache Commons Compress, Codec, IO and Lang \u2014 Apache License 2.0",
                "  Protocol Buffers (protobuf-java) \u2014 BSD 3-Clause",
                "  Pcap4J (core, static packet factory; decodes packets you select) \u2014 MIT",
                "  JNA (Java Native Access, used by Pcap4J) \u2014 Apache License 2.0 or LGPL 2.1",
                "  SLF4J API (used by Pcap4J) \u2014 MIT",
                "  JFreeChart and JFreeChart-FX (the JFR view's charts) \u2014 LGPL 2.1",
                "  FXGraphics2D (used by JFreeChart-FX) \u2014 BSD 3-Clause",
                "",
                "The installers also bundle a runtime made from OpenJDK 17 \u2014 GPL v2 with the Classpath",
                "Exception; its notices are in the runtime's legal folder.");
    }
}
