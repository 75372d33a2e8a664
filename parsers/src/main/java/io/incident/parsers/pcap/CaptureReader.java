package io.incident.parsers.pcap;

import io.incident.model.ClockKind;
import io.incident.model.Diagnostics;
import io.incident.model.InstantTrack;
import io.incident.model.Severity;
import io.incident.model.Source;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.Inputs;
import io.incident.parsers.ReadContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads a pcap or pcapng capture (told apart by its first bytes) into packets, feeds TCP segments to the
 * {@link TcpTracker}, and builds the model. The core reads from a channel so tests can feed it in tiny chunks.
 */
final class CaptureReader implements PacketSink {
    private static final int BUFFER = 1 << 20;
    private static final long PROGRESS_STEP = 1 << 20;

    private final ReadContext ctx;
    private final long totalBytes;
    private final Source.Builder builder;
    private final TcpTracker tracker;
    /** Whether the read returns the connection table with its packets' offsets, or only the model. */
    private final boolean keepTable;
    private final TcpSegment segment = new TcpSegment();
    private final List<Integer> linkTypes = new ArrayList<>();
    private final InstantTrack.Builder comments = InstantTrack.builder("packet comments", "network");
    private ChannelInput in;
    private long packets;
    private long truncatedPackets;
    private long lastTime;
    private long nextProgress = PROGRESS_STEP;
    private int lastLinkType = -1;

    private CaptureReader(ReadContext ctx, long totalBytes, boolean keepTable) {
        this.ctx = ctx;
        this.keepTable = keepTable;
        this.tracker = new TcpTracker(keepTable);
        this.totalBytes = totalBytes;
        this.builder = Source.builder(ctx.info(), ClockKind.ABSOLUTE_UTC);
    }

    /**
     * Reads the context's file (gunzipping it when needed). With {@code keepTable} the model comes with the connection
     * table, which knows where each connection's packets lie in the file; without (an import), only the model, and
     * the table's connections are dropped as they go into it.
     */
    static CaptureModel read(ReadContext ctx, boolean keepTable) throws ArtifactException {
        try {
            long size = Files.size(ctx.file());
            boolean gzip;
            try (InputStream probe = Files.newInputStream(ctx.file())) {
                byte[] head = probe.readNBytes(2);
                gzip = Inputs.isGzip(head, head.length);
            }
            if (gzip) {
                try (InputStream inflated = Inputs.open(ctx)) {
                    return read(Channels.newChannel(inflated), ctx, -1, keepTable);
                }
            }
            try (FileChannel ch = FileChannel.open(ctx.file(), StandardOpenOption.READ)) {
                return read(ch, ctx, size, keepTable);
            }
        } catch (IOException e) {
            throw new ArtifactException(ctx.name(), "", "the file cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads a capture from any channel; {@code totalBytes} is for progress only (-1 when unknown). */
    static CaptureModel read(ReadableByteChannel channel, ReadContext ctx, long totalBytes, boolean keepTable)
            throws ArtifactException {
        CaptureReader r = new CaptureReader(ctx, totalBytes, keepTable);
        r.in = new ChannelInput(channel, BUFFER, totalBytes);
        ctx.cancellation().check();
        try {
            r.container();
        } catch (Inputs.LimitIOException e) {
            throw e.limit();
        } catch (IOException e) {
            throw ArtifactException.atByte(ctx.name(), r.in.offset(), "readable capture data ("
                    + e.getMessage() + ")");
        } catch (java.util.concurrent.CancellationException e) {
            // Cancellation is not a reading error: let the import see it as such.
            throw e;
        } catch (RuntimeException e) {
            // A decoding bug must not escape as anything but the reader's one error type; keep the place.
            throw new ArtifactException(ctx.name(), "packet " + (r.packets + 1) + " near byte " + r.in.offset(),
                    "a decodable packet (" + e + ")", e);
        }
        ctx.progress().bytes(r.in.offset(), totalBytes);
        return r.build();
    }

    private void container() throws IOException, ArtifactException {
        if (!in.ensure(4)) {
            throw ArtifactException.atByte(ctx.name(), 0, "a pcap or pcapng file header, but the file has only "
                    + in.available() + " bytes");
        }
        int first = in.buffer().getInt(in.position());
        if (first == 0x0A0D0D0A) {
            PcapngFile.read(ctx.name(), in, this, builder.diagnostics(), maxRecordBytes());
        } else {
            PcapFile.read(ctx.name(), in, this, builder.diagnostics(), maxRecordBytes());
        }
    }

    /** The configured bound, kept below what one Java array can hold. */
    private long maxRecordBytes() {
        return Math.min(ctx.limits().maxRecordBytes(), Integer.MAX_VALUE - (1 << 16));
    }

    @Override
    public void packet(int linkType, int position, int capturedLength, long originalLength, long timeNanos,
                       long fileOffset) {
        long time = timeNanos < 0 ? lastTime : timeNanos;
        lastTime = time;
        int index = tracker.packet(fileOffset);
        packets++;
        if (linkType != lastLinkType) {
            if (!linkTypes.contains(linkType)) {
                linkTypes.add(linkType);
            }
            lastLinkType = linkType;
        }
        boolean snapped = capturedLength < originalLength;
        if (snapped) {
            truncatedPackets++;
            note(Severity.INFO, "cut-by-snaplen", index, fileOffset, () -> capturedLength + " of " + originalLength
                    + " bytes captured (the snap length cut the rest); payload labels and byte counts only see what"
                    + " was captured");
        } else if (capturedLength > originalLength) {
            note(Severity.WARNING, "impossible-length", index, fileOffset, () -> "captured length " + capturedLength
                    + " exceeds the original length " + originalLength);
        }
        ByteBuffer net = in.network();
        int result = PacketDecoder.decode(linkType, net, position, capturedLength, segment);
        if (segment.ipBeyondCapture && !snapped) {
            note(Severity.WARNING, "ip-length-exceeds-packet", index, fileOffset, () -> "the IP header announces more"
                    + " bytes than the whole packet holds (" + capturedLength + " bytes, not cut by the snap length):"
                    + " a corrupt or forged header");
        }
        if (result == PacketDecoder.TCP) {
            segment.time = time;
            tracker.segment(segment, index, net);
        } else if (result == PacketDecoder.UNKNOWN_LINK) {
            note(Severity.INFO, "unsupported-link-type", index, fileOffset, () -> "link type "
                    + LinkTypes.name(linkType) + " (" + linkType + ") is counted but not decoded");
        } else if (result == PacketDecoder.MALFORMED) {
            note(Severity.INFO, "undecodable-packet", index, fileOffset, () -> "the link/IP/TCP headers are cut short"
                    + " or inconsistent; the packet is counted but not tracked");
        }
        if ((packets & 4095) == 0) {
            ctx.cancellation().check();
        }
        long done = in.offset();
        if (done >= nextProgress) {
            ctx.progress().bytes(done, totalBytes);
            nextProgress = done + PROGRESS_STEP;
        }
    }

    /** Counts a per-packet problem; only the first occurrence builds its message (it may repeat millions of times). */
    private void note(Severity severity, String name, int index, long fileOffset, Supplier<String> message) {
        Diagnostics d = builder.diagnostics();
        if (d.count(name) > 0) {
            d.report(name, severity, "", "");
        } else {
            d.report(name, severity, "packet " + (index + 1) + " at byte " + fileOffset, message.get());
        }
    }

    @Override
    public void comment(long timeNanos, String text) {
        comments.add(timeNanos < 0 ? lastTime : timeNanos, builder.intern(text), 0);
    }

    private CaptureModel build() {
        TcpConnections table = keepTable ? new TcpConnections(tracker.rows(), tracker.packets()) : null;
        ConnectionTracks.Totals totals = ConnectionTracks.add(builder, tracker, !keepTable);
        if (comments.size() > 0) {
            builder.track(comments.build());
        }
        List<String> names = new ArrayList<>();
        for (int t : linkTypes) {
            names.add(LinkTypes.name(t));
        }
        builder.summary("packets", packets);
        builder.summary("linkTypes", names);
        builder.summary("tcpConnections", totals.connections());
        builder.summary("closedByFin", totals.closedByFin());
        builder.summary("closedByRst", totals.closedByRst());
        builder.summary("openAtEnd", totals.openAtEnd());
        builder.summary("retransmissions", totals.retransmissions());
        builder.summary("truncatedPackets", truncatedPackets);
        return new CaptureModel(builder.build(), table);
    }
}
