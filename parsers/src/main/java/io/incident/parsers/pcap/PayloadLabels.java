package io.incident.parsers.pcap;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Labels a connection from what its payload starts with: an HTTP/1.x request line or status line, the HTTP/2 preface,
 * a TLS ClientHello (SNI, ALPN) and the records that end the TLS handshake. Only the captured bytes of one segment are
 * looked at; every length read from the payload is checked against them.
 */
final class PayloadLabels {
    private static final int MAX_TEXT = 200;
    private static final String[] METHODS = {"GET ", "POST ", "PUT ", "DELETE ", "HEAD ", "OPTIONS ", "PATCH ",
        "CONNECT ", "TRACE "};
    private static final byte[] H2_PREFACE = "PRI * HTTP/2.0\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HTTP1 = "HTTP/1.".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION = " HTTP/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] METHOD_BYTES = new byte[METHODS.length][];

    static {
        for (int i = 0; i < METHODS.length; i++) {
            METHOD_BYTES[i] = METHODS[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    private PayloadLabels() {
    }

    /**
     * Labels the connection from one segment's payload. {@code texts} shares equal label strings between connections:
     * a service's 240k connections carry a handful of distinct request lines and statuses, not 240k copies.
     */
    static void inspect(Connection c, int dir, ByteBuffer b, int off, int len, long time, TextCache texts) {
        boolean first = c.notePayload(dir);
        int type = b.get(off) & 0xff;
        Connection.Rare rare = c.rareOrNull();
        if (rare != null && rare.tlsHelloTime >= 0) {
            if (rare.tlsDoneTime < 0) {
                tlsRecords(c, dir, b, off, len, time);
            }
            return;
        }
        if (dir == 0) {
            if (type == 0x16 && first) {
                clientHello(c, b, off, len, time, texts);
            } else if (c.httpRequest() == null && !c.http2Preface()) {
                if (startsWith(b, off, len, H2_PREFACE)) {
                    c.rare().http2 = true;
                } else if (isRequest(b, off, len)) {
                    int n = lineLength(b, off, len);
                    int version = lastVersion(b, off, n);
                    c.setHttpRequest(texts.text(b, off, version > 0 ? version : n));
                }
            }
        } else if (c.httpStatus() == null && startsWith(b, off, len, HTTP1)) {
            int n = lineLength(b, off, len);
            int sp = 0;
            while (sp < n && b.get(off + sp) != ' ') {
                sp++;
            }
            c.setHttpStatus(sp > 0 && sp < n ? texts.text(b, off + sp + 1, n - sp - 1) : texts.text(b, off, n));
        }
    }

    /** Walks the TLS records that start in this segment, looking for the end of the handshake. */
    private static void tlsRecords(Connection c, int dir, ByteBuffer b, int off, int len, long time) {
        int p = off;
        int end = off + len;
        while (p + 5 <= end) {
            int type = b.get(p) & 0xff;
            if (type < 20 || type > 23 || b.get(p + 1) != 3) {
                return;
            }
            if (type == 20) {
                c.noteCcs(dir);
            } else if (type == 23 && dir == 0) {
                // TLS 1.3: the client's Finished travels as application data; TLS 1.2: real application data.
                c.rare().tlsDoneTime = time;
                return;
            } else if (type == 22 && c.sentCcs(dir) && c.sentCcs(1 - dir) && dir == 1) {
                // TLS 1.2: the server's Finished after both ChangeCipherSpecs ends the handshake.
                c.rare().tlsDoneTime = time;
                return;
            }
            p += 5 + (b.getShort(p + 3) & 0xffff);
        }
    }

    private static void clientHello(Connection c, ByteBuffer b, int off, int len, long time, TextCache texts) {
        int end = off + len;
        if (len < 9 || b.get(off + 1) != 3 || (b.get(off + 5) & 0xff) != 1) {
            return;
        }
        c.rare().tlsHelloTime = time;
        int recordEnd = Math.min(end, off + 5 + (b.getShort(off + 3) & 0xffff));
        int p = off + 9 + 2 + 32;
        if (p >= recordEnd) {
            return;
        }
        p += 1 + (b.get(p) & 0xff);
        if (p + 2 > recordEnd) {
            return;
        }
        p += 2 + (b.getShort(p) & 0xffff);
        if (p + 1 > recordEnd) {
            return;
        }
        p += 1 + (b.get(p) & 0xff);
        if (p + 2 > recordEnd) {
            return;
        }
        int extEnd = Math.min(recordEnd, p + 2 + (b.getShort(p) & 0xffff));
        p += 2;
        while (p + 4 <= extEnd) {
            int type = b.getShort(p) & 0xffff;
            int extLen = b.getShort(p + 2) & 0xffff;
            int body = p + 4;
            int bodyEnd = Math.min(extEnd, body + extLen);
            if (type == 0 && body + 5 <= bodyEnd && b.get(body + 2) == 0) {
                int nameLen = b.getShort(body + 3) & 0xffff;
                c.rare().tlsSni = texts.text(b, body + 5, Math.max(0, Math.min(MAX_TEXT, Math.min(nameLen,
                        bodyEnd - body - 5))));
            } else if (type == 16 && body + 2 <= bodyEnd) {
                c.rare().alpn = alpn(b, body + 2, bodyEnd);
            }
            p = body + extLen;
        }
    }

    private static String alpn(ByteBuffer b, int p, int end) {
        StringBuilder out = new StringBuilder();
        while (p < end) {
            int n = Math.min(b.get(p) & 0xff, end - p - 1);
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(ascii(b, p + 1, n));
            p += 1 + n;
        }
        return out.toString();
    }

    private static boolean isRequest(ByteBuffer b, int off, int len) {
        for (byte[] m : METHOD_BYTES) {
            if (startsWith(b, off, len, m)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(ByteBuffer b, int off, int len, byte[] prefix) {
        if (len < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b.get(off + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Length of the first line, cut at CR/LF or {@link #MAX_TEXT} characters. */
    private static int lineLength(ByteBuffer b, int off, int len) {
        int n = 0;
        int max = Math.min(len, MAX_TEXT);
        while (n < max && b.get(off + n) != '\r' && b.get(off + n) != '\n') {
            n++;
        }
        return n;
    }

    /** Where the last " HTTP/" of the line starts, or -1. */
    private static int lastVersion(ByteBuffer b, int off, int n) {
        for (int at = n - VERSION.length; at >= 0; at--) {
            if (startsWith(b, off + at, n - at, VERSION)) {
                return at;
            }
        }
        return -1;
    }

    private static String ascii(ByteBuffer b, int off, int n) {
        char[] chars = new char[Math.max(0, Math.min(n, MAX_TEXT))];
        for (int i = 0; i < chars.length; i++) {
            int ch = b.get(off + i) & 0xff;
            chars[i] = ch >= 0x20 && ch < 0x7f ? (char) ch : '?';
        }
        return new String(chars);
    }
}
