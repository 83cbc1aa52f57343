package io.escalation.obs.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis server for tests, from Debian's {@code redis-server} package: on a free loopback port,
 * nothing saved to disk ({@code --save '' --appendonly no}), its working directory a temporary one.
 * {@link #close()} stops it and deletes the directory; a JVM exit does too.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.start()) {
 *     RedisClient client = RedisClient.create(redis.uri());
 * }
 * }</pre>
 *
 * <p>Without {@code redis-server} on the PATH, {@link #start()} fails naming the package and
 * {@code ./run-tests.sh}, which installs it.
 */
public final class RedisServer implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int port;
    private final Thread hook;

    private RedisServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.hook = new Thread(this::stop, "stop-redis-" + port);
    }

    /**
     * Starts {@code redis-server} on a free loopback port and waits until it answers PING.
     *
     * @return the running server
     * @throws IllegalStateException when redis-server is not installed or does not start (its log is in the message)
     */
    public static RedisServer start() {
        String binary = Processes.onPath("redis-server");
        if (binary == null) {
            throw new IllegalStateException("redis-server is not on the PATH. These tests run a real Redis: install the"
                    + " Debian package redis-server (apt-get install -y redis-server), as ./run-tests.sh does");
        }
        try {
            Path dir = Files.createTempDirectory("obs-redis-");
            int port = Processes.freeLoopbackPort();
            Path log = dir.resolve("redis.log");
            Process process = new ProcessBuilder(
                            binary,
                            "--port",
                            Integer.toString(port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no",
                            "--dir",
                            dir.toString(),
                            "--daemonize",
                            "no",
                            "--protected-mode",
                            "yes")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            RedisServer server = new RedisServer(process, dir, port);
            Runtime.getRuntime().addShutdownHook(server.hook);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!server.answersPing()) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    String text = Processes.readQuietly(log);
                    server.close();
                    throw new IllegalStateException("redis-server did not answer PING on 127.0.0.1:" + port
                            + (process.isAlive() ? " within 30 s" : "; it exited") + ":\n" + text);
                }
                Thread.sleep(20);
            }
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting redis-server", e);
        }
    }

    /**
     * The server's address as a Redis URI.
     *
     * @return e.g. {@code redis://127.0.0.1:40123}
     */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * The loopback TCP port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // the JVM is exiting: the hook runs stop() itself
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Processes.deleteTree(dir);
    }

    private boolean answersPing() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int read = in.readNBytes(reply, 0, reply.length);
            return new String(reply, 0, read, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }
}
