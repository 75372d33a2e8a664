package io.incident.parsers.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;

/**
 * One reusable heap buffer over a channel, with the file offset of every byte. Records are parsed in place with
 * absolute gets; the buffer only grows when a single record is larger than it (bounded by the caller's limit).
 */
final class ChannelInput {
    private final ReadableByteChannel channel;
    private final long total;
    private ByteBuffer buf;
    private ByteBuffer net;
    private long base;
    private boolean eof;

    /** @param total the input's size when known (a file), else -1; it keeps a hostile length from growing the buffer */
    ChannelInput(ReadableByteChannel channel, int capacity, long total) {
        this.channel = channel;
        this.total = total;
        this.buf = ByteBuffer.allocate(capacity);
        this.buf.flip();
        this.net = buf.duplicate().order(ByteOrder.BIG_ENDIAN);
    }

    /** The buffer in the current section's byte order; its position is the next unread byte. */
    ByteBuffer buffer() {
        return buf;
    }

    /** The same bytes, always big-endian, for network headers. Valid until the next {@link #ensure}. */
    ByteBuffer network() {
        return net;
    }

    void order(ByteOrder order) {
        buf.order(order);
    }

    /** File offset of the next unread byte. */
    long offset() {
        return base + buf.position();
    }

    int position() {
        return buf.position();
    }

    /** Makes {@code n} bytes readable from the position; false when the input ends first. */
    boolean ensure(int n) throws IOException {
        if (buf.remaining() >= n) {
            return true;
        }
        if (eof) {
            return false;
        }
        if (total >= 0 && offset() + n > total) {
            // More than the file holds: read what is left (for the caller's message) without growing for the rest.
            int left = (int) Math.max(0, total - offset());
            if (left > buf.remaining()) {
                ensure(left);
            }
            return false;
        }
        base += buf.position();
        if (n > buf.capacity()) {
            // Exactly what the record needs, rounded up: never more than the caller's (bounded) request.
            int capacity = (int) Math.min(Integer.MAX_VALUE - 64, ((long) n + 0xFFFF) & ~0xFFFFL);
            ByteBuffer bigger = ByteBuffer.allocate(capacity).order(buf.order());
            bigger.put(buf);
            buf = bigger;
        } else {
            buf.compact();
        }
        while (buf.position() < n) {
            int r = channel.read(buf);
            if (r < 0) {
                eof = true;
                break;
            }
        }
        buf.flip();
        net = buf.duplicate().order(ByteOrder.BIG_ENDIAN);
        return buf.remaining() >= n;
    }

    /** Bytes readable now without another read (at least what the last {@link #ensure} asked for). */
    int available() {
        return buf.remaining();
    }

    void advance(int n) {
        buf.position(buf.position() + n);
    }

    /** Skips {@code n} bytes without holding them; returns how many were skipped before the input ended. */
    long skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            if (buf.remaining() == 0 && !ensure(1)) {
                break;
            }
            int step = (int) Math.min(left, buf.remaining());
            advance(step);
            left -= step;
        }
        return n - left;
    }
}
