package io.peerclaw.node.net;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A response body that fails once more than its cap has been read, and knows if it ended. */
final class CappedBody extends FilterInputStream {
    /** Thrown when the body goes past its cap; the client reports it as too large. */
    static final class Exceeded extends IOException {
        Exceeded(long cap) {
            super("the body exceeds " + cap + " bytes");
        }
    }

    private final long cap;
    private long read;
    private boolean ended;

    CappedBody(InputStream in, long cap) {
        super(in);
        this.cap = cap;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        count(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count((int) Math.min(skipped, Integer.MAX_VALUE));
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Whether reading reached the end of the body. */
    boolean ended() {
        return ended;
    }

    private void count(int n) throws Exceeded {
        if (n < 0) {
            ended = true;
            return;
        }
        read += n;
        if (read > cap) {
            throw new Exceeded(cap);
        }
    }
}
