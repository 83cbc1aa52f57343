package io.escalation.obs.core.endpoint;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small non-blocking HTTP/1.1 server: one I/O thread accepts connections, reads request heads and
 * writes responses for every connection; only complete requests reach the worker threads. So a client
 * that sends half a request, or reads its response slowly, holds a connection slot for at most the
 * read timeout and never a thread.
 *
 * <ul>
 *   <li>At most {@code maxConnections} connections are open; a connection beyond that is answered
 *       503 and closed at once.</li>
 *   <li>A connection waiting for a request (new, or kept alive after a response) must deliver the
 *       whole request head within the read timeout, else it is closed without an answer. A response
 *       that makes no progress for the read timeout (the client does not read) is abandoned too.</li>
 *   <li>A request head is at most {@link #MAX_HEAD} bytes and {@link RequestHead#MAX_HEADERS}
 *       lines (else 431). A request body is never read: such a request is answered and the
 *       connection closed.</li>
 * </ul>
 */
final class EndpointServer {

    /** The largest request head, request line and headers together. */
    static final int MAX_HEAD = 8 * 1024;

    private static final int FIRST_BUFFER = 1024;
    private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long a closing connection's unread input is drained, so that the answer is not lost to a reset. */
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long accepting pauses after accept() failed (out of file descriptors: it would fail again at once). */
    private static final long ACCEPT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final Logger log = LoggerFactory.getLogger(ObsHttpEndpoint.class);

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final Executor workers;
    private final EndpointHandler handler;
    private final int maxConnections;
    private final long readTimeoutNanos;
    private final Set<Connection> open = new HashSet<>(); // I/O thread only
    private final ConcurrentLinkedQueue<Connection> answered = new ConcurrentLinkedQueue<>();
    private final CountDownLatch listenerClosed = new CountDownLatch(1);
    private final AtomicBoolean refusalLogged = new AtomicBoolean();
    private final Thread thread;
    private final SelectionKey listenerKey;
    private long acceptPausedUntil = Long.MAX_VALUE; // I/O thread only; MAX_VALUE while accepting
    private volatile boolean stopping;

    EndpointServer(
            ServerSocketChannel listener,
            Executor workers,
            EndpointHandler handler,
            int maxConnections,
            long readTimeoutNanos)
            throws IOException {
        this.listener = listener;
        this.selector = Selector.open();
        this.workers = workers;
        this.handler = handler;
        this.maxConnections = maxConnections;
        this.readTimeoutNanos = readTimeoutNanos;
        listener.configureBlocking(false);
        this.listenerKey = listener.register(selector, SelectionKey.OP_ACCEPT);
        this.thread = new Thread(this::run, "obs-http-io");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Closes the listening socket (the port is free when this returns), closes idle connections, lets
     * requests in progress be answered for up to a second, then closes the rest.
     */
    void stop() {
        stopping = true;
        selector.wakeup();
        try {
            listenerClosed.await(2, TimeUnit.SECONDS);
            thread.join(TimeUnit.NANOSECONDS.toMillis(STOP_GRACE_NANOS) + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands a response to the I/O thread; called by {@link Exchange#send} on any thread. */
    void answer(Connection connection, ByteBuffer response, boolean close) {
        // a send after stop() finds the selector closed: wakeup() then does nothing
        connection.response = response;
        connection.closeAfterResponse = close;
        answered.add(connection);
        selector.wakeup();
    }

    private void run() {
        long graceEnd = Long.MAX_VALUE;
        try {
            while (true) {
                if (stopping && graceEnd == Long.MAX_VALUE) {
                    graceEnd = System.nanoTime() + STOP_GRACE_NANOS;
                    closeListener();
                }
                if (stopping && (System.nanoTime() - graceEnd >= 0 || !anyBusy())) {
                    return;
                }
                long wait = nanosToNextDeadline(Math.min(graceEnd, acceptPausedUntil));
                if (wait == Long.MAX_VALUE) {
                    selector.select();
                } else {
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait) + 1));
                }
                for (Connection connection; (connection = answered.poll()) != null; ) {
                    startWriting(connection);
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    ready(key);
                }
                expire();
                resumeAccepting();
            }
        } catch (IOException | RuntimeException e) {
            log.error("obs: the /metrics endpoint stopped serving after an unexpected failure", e);
        } finally {
            closeListener();
            for (Connection connection : new ArrayList<>(open)) {
                close(connection);
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    private void ready(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept();
            return;
        }
        Connection connection = (Connection) key.attachment();
        try {
            if (key.isReadable()) {
                read(connection);
            } else if (key.isWritable()) {
                write(connection);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("obs: closing a /metrics endpoint connection: {}", e.toString());
            close(connection);
        }
    }

    private void accept() {
        while (true) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                // e.g. out of file descriptors: the listener stays ready, so retrying at once would spin
                log.debug("obs: accepting a connection failed, pausing 100 ms: {}", e.toString());
                listenerKey.interestOps(0);
                acceptPausedUntil = System.nanoTime() + ACCEPT_PAUSE_NANOS;
                return;
            }
            if (channel == null) {
                return;
            }
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (open.size() >= maxConnections) {
                    refuseConnection(channel);
                    continue;
                }
                Connection connection = new Connection(channel, channel.register(selector, SelectionKey.OP_READ));
                connection.key.attach(connection);
                connection.deadline = System.nanoTime() + readTimeoutNanos;
                open.add(connection);
            } catch (IOException e) {
                closeQuietly(channel);
            }
        }
    }

    /** Answers 503 on a connection beyond {@code maxConnections} and closes it. */
    private void refuseConnection(SocketChannel channel) throws IOException {
        if (refusalLogged.compareAndSet(false, true)) {
            log.warn(
                    "obs: the /metrics endpoint refused a connection: {} connections are open, its"
                            + " maxConnections (later refusals are logged at DEBUG)",
                    maxConnections);
        } else {
            log.debug("obs: the /metrics endpoint refused a connection: {} connections are open", maxConnections);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", EndpointHandler.PLAIN);
        headers.put("Retry-After", "1");
        channel.write(Exchange.serialize(
                503,
                headers, // a fresh socket's send buffer takes it at once
                "too many connections: retry shortly\n".getBytes(StandardCharsets.UTF_8),
                false,
                true));
        channel.close();
    }

    private void read(Connection connection) throws IOException {
        ByteBuffer in = connection.in;
        if (connection.draining) {
            in.clear();
            if (connection.channel.read(in) < 0) {
                close(connection);
            }
            return;
        }
        if (!in.hasRemaining()) {
            if (in.capacity() >= MAX_HEAD) {
                refuse(connection, 431, "request head too large: at most 8 KiB\n");
                return;
            }
            connection.in =
                    ByteBuffer.allocate(Math.min(MAX_HEAD, in.capacity() * 2)).put(in.flip());
            in = connection.in;
        }
        if (connection.channel.read(in) < 0) {
            close(connection);
            return;
        }
        parse(connection);
    }

    /** Dispatches the request when its head is complete; refuses a head too large or malformed. */
    private void parse(Connection connection) {
        ByteBuffer in = connection.in;
        byte[] buf = in.array();
        int len = in.position();
        int start = 0;
        while (start < len && (buf[start] == '\r' || buf[start] == '\n')) {
            start++; // empty lines before a request line are ignored (RFC 9112 section 2.2)
        }
        int end = RequestHead.headEnd(buf, Math.max(start, connection.scanned - 2), len);
        if (end < 0) {
            connection.scanned = len;
            if (len - start >= MAX_HEAD) {
                refuse(connection, 431, "request head too large: at most 8 KiB\n");
            }
            return;
        }
        RequestHead request;
        try {
            request = RequestHead.parse(buf, start, end);
        } catch (RequestHead.Rejected e) {
            refuse(
                    connection,
                    e.status,
                    e.status == 431
                            ? "too many header lines: at most " + RequestHead.MAX_HEADERS + "\n"
                            : e.status == 505 ? "use HTTP/1.1\n" : "bad request\n");
            return;
        }
        System.arraycopy(buf, end, buf, 0, len - end); // keep a pipelined next request
        in.position(len - end);
        connection.scanned = 0;
        connection.deadline = Long.MAX_VALUE; // the handler's own limits bound it from here
        connection.key.interestOps(0);
        try {
            workers.execute(() -> handler.handle(new Exchange(this, connection, request)));
        } catch (RejectedExecutionException e) {
            close(connection); // stopping
        }
    }

    /** Answers {@code status} with a fixed body and closes the connection after it. */
    private void refuse(Connection connection, int status, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", EndpointHandler.PLAIN);
        connection.response = Exchange.serialize(status, headers, body.getBytes(StandardCharsets.UTF_8), false, true);
        connection.closeAfterResponse = true;
        startWriting(connection);
    }

    private void startWriting(Connection connection) {
        if (!connection.channel.isOpen() || connection.draining) {
            return; // closed while the handler worked
        }
        connection.out = connection.response;
        connection.response = null;
        connection.deadline = System.nanoTime() + readTimeoutNanos;
        try {
            write(connection);
        } catch (IOException | RuntimeException e) {
            log.debug("obs: closing a /metrics endpoint connection: {}", e.toString());
            close(connection);
        }
    }

    private void write(Connection connection) throws IOException {
        ByteBuffer out = connection.out;
        if (out == null) {
            connection.key.interestOps(0);
            return;
        }
        if (connection.channel.write(out) > 0) {
            connection.deadline = System.nanoTime() + readTimeoutNanos; // the client reads: give it more time
        }
        if (out.hasRemaining()) {
            connection.key.interestOps(SelectionKey.OP_WRITE);
            return;
        }
        connection.out = null;
        if (connection.closeAfterResponse || stopping) {
            // half-close, then discard what the client still sends: closing with unread input would
            // reset the connection and could destroy the answer before the client reads it
            connection.channel.shutdownOutput();
            connection.draining = true;
            connection.deadline = System.nanoTime() + Math.min(readTimeoutNanos, DRAIN_NANOS);
            connection.key.interestOps(SelectionKey.OP_READ);
            return;
        }
        connection.deadline = System.nanoTime() + readTimeoutNanos; // the next request's head, kept alive
        connection.key.interestOps(SelectionKey.OP_READ);
        if (connection.in.position() > 0) {
            parse(connection);
        }
    }

    private void resumeAccepting() {
        if (acceptPausedUntil != Long.MAX_VALUE && System.nanoTime() - acceptPausedUntil >= 0) {
            acceptPausedUntil = Long.MAX_VALUE;
            if (listenerKey.isValid()) {
                listenerKey.interestOps(SelectionKey.OP_ACCEPT);
            }
        }
    }

    /** Closes connections whose deadline passed: a request head too slow, or a response nobody reads. */
    private void expire() {
        long now = System.nanoTime();
        List<Connection> late = null;
        for (Connection connection : open) {
            if (connection.deadline != Long.MAX_VALUE && now - connection.deadline >= 0) {
                late = late == null ? new ArrayList<>() : late;
                late.add(connection);
            }
        }
        if (late != null) {
            late.forEach(this::close);
        }
    }

    /** Nanoseconds until the first connection deadline or {@code other}; MAX_VALUE when there is none. */
    private long nanosToNextDeadline(long other) {
        long now = System.nanoTime();
        long next = other == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, other - now);
        for (Connection connection : open) {
            if (connection.deadline != Long.MAX_VALUE) {
                next = Math.min(next, Math.max(0, connection.deadline - now));
            }
        }
        return next;
    }

    /** True while a connection has a request being answered or a response being written. */
    private boolean anyBusy() {
        for (Connection connection : open) {
            if (connection.deadline == Long.MAX_VALUE || connection.out != null) {
                return true;
            }
        }
        return !answered.isEmpty();
    }

    private void closeListener() {
        if (!listener.isOpen()) {
            listenerClosed.countDown();
            return;
        }
        closeQuietly(listener);
        try {
            selector.selectNow(); // deregisters the channel, which releases the port
        } catch (IOException ignored) {
            // the port is released when the selector closes
        }
        for (Connection connection : new ArrayList<>(open)) {
            if (connection.deadline != Long.MAX_VALUE && connection.out == null) {
                close(connection); // idle: waiting for a request that will not be served
            }
        }
        listenerClosed.countDown();
    }

    private void close(Connection connection) {
        open.remove(connection);
        closeQuietly(connection.channel);
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** One client connection; its fields belong to the I/O thread except the two set by {@link #answer}. */
    static final class Connection {
        final SocketChannel channel;
        final SelectionKey key;
        ByteBuffer in = ByteBuffer.allocate(FIRST_BUFFER);
        /** How far {@link #in} was searched for the end of the head. */
        int scanned;
        /** When the connection is closed unless it makes progress; MAX_VALUE while the handler works. */
        long deadline;

        @Nullable
        ByteBuffer out;
        /** The answer is out and the output shut: input is discarded until the client closes. */
        boolean draining;

        volatile @Nullable ByteBuffer response;
        volatile boolean closeAfterResponse;

        Connection(SocketChannel channel, SelectionKey key) {
            this.channel = channel;
            this.key = key;
        }
    }
}
