package io.incident.app.ui;

/** The licences of the libraries bundled in the workbench, for the About dialog. */
final class Licences {
    private Licences() {
    }

    static String text() {
        return String.join("\n",
                "Incident Workbench is licensed under the MIT License.",
                "",
                "Bundled libraries:",
                "  OpenJFX 21 \u2014 GPL v2 with the Classpath Exception",
                "  H2 Database (MVStore) \u2014 MPL 2.0 or EPL 1.0",
                "  Jackson \u2014 Apache License 2.0",
                "  Apache Commons Compress \u2014 Apache License 2.0",
                "  JFreeChart / JFreeChart-FX \u2014 LGPL 2.1",
                "  TestFX Monocle (headless snapshots) \u2014 GPL v2 with the Classpath Exception",
                "  Protocol Buffers (protobuf-java) \u2014 BSD 3-Clause",
                "  pcap4j \u2014 MIT");
    }
}
