package io.escalation.obs.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, from Debian's {@code postgresql} package: a fresh cluster in a
 * temporary directory, listening on a free loopback port (and a unix socket in that directory),
 * with superuser {@value #USER} and trust authentication. {@link #close()} stops it and deletes the
 * directory; a JVM exit does too. PostgreSQL refuses to run as root: as root, the cluster belongs to
 * the {@code postgres} user and every command runs through {@code runuser}.
 *
 * <pre>{@code
 * try (PostgresServer postgres = PostgresServer.start()) {
 *     Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
 * }
 * }</pre>
 *
 * <p>Started in about a second (no fsync). Without the binaries (looked for under
 * {@code /usr/lib/postgresql/<version>/bin}), {@link #start()} fails naming the package and
 * {@code ./run-tests.sh}, which installs it.
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser the cluster is created with; no password. */
    public static final String USER = "obs";

    private static final Path VERSIONS = Path.of("/usr/lib/postgresql");
    private static final String SYSTEM_USER = "postgres";

    private final Path bin;
    private final Path dir;
    private final boolean root;
    private final int port;
    private final Thread hook;
    private boolean stopped;

    private PostgresServer(Path bin, Path dir, boolean root, int port) {
        this.bin = bin;
        this.dir = dir;
        this.root = root;
        this.port = port;
        this.hook = new Thread(this::stop, "stop-postgres-" + port);
    }

    /**
     * Creates a cluster in a temporary directory and starts it on a free loopback port.
     *
     * @return the running server
     * @throws IllegalStateException when PostgreSQL is not installed, or does not start (its log is in the message)
     */
    public static PostgresServer start() {
        Path bin = binaries();
        boolean root = Processes.isRoot();
        try {
            Path dir = Files.createTempDirectory("obs-postgres-");
            Path data = Files.createDirectory(dir.resolve("data"));
            Path socket = Files.createDirectory(dir.resolve("socket"));
            if (root) {
                UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
                GroupPrincipal group = users.lookupPrincipalByGroupName(SYSTEM_USER);
                for (Path owned : List.of(dir, data, socket)) {
                    PosixFileAttributeView view = Files.getFileAttributeView(owned, PosixFileAttributeView.class);
                    view.setOwner(users.lookupPrincipalByName(SYSTEM_USER));
                    view.setGroup(group);
                }
            }
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
            int port = Processes.freeLoopbackPort();
            PostgresServer server = new PostgresServer(bin, dir, root, port);
            Runtime.getRuntime().addShutdownHook(server.hook);
            try {
                server.run(
                        "initdb",
                        "-D",
                        data.toString(),
                        "-U",
                        USER,
                        "-A",
                        "trust",
                        "-E",
                        "UTF8",
                        "--no-locale",
                        "--no-sync");
                server.run(
                        "pg_ctl",
                        "-D",
                        data.toString(),
                        "-l",
                        dir.resolve("postgres.log").toString(),
                        "-w",
                        "-t",
                        "60",
                        "-o",
                        "-p " + port + " -k " + socket + " -c listen_addresses=127.0.0.1"
                                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                                + " -c shared_buffers=16MB -c max_connections=50 -c deadlock_timeout=100ms",
                        "start");
            } catch (RuntimeException e) {
                String log = Processes.readQuietly(dir.resolve("postgres.log"));
                server.close();
                throw new IllegalStateException(e.getMessage() + (log.isEmpty() ? "" : "\npostgres.log:\n" + log), e);
            }
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare a PostgreSQL data directory: " + e, e);
        }
    }

    /**
     * The JDBC URL of database {@code postgres} on this server.
     *
     * @return e.g. {@code jdbc:postgresql://127.0.0.1:40123/postgres}
     */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /**
     * The superuser to connect as, with any password.
     *
     * @return {@value #USER}
     */
    public String user() {
        return USER;
    }

    /**
     * The loopback TCP port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /** Stops the server (immediate shutdown) and deletes its directory. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // the JVM is exiting: the hook runs stop() itself
        }
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        Path data = dir.resolve("data");
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "-t", "30", "stop");
            } catch (RuntimeException e) {
                System.err.println("PostgresServer: " + e.getMessage());
            }
        }
        Processes.deleteTree(dir);
    }

    private void run(String tool, String... args) {
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of(Processes.runuser(), "-u", SYSTEM_USER, "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        Processes.run(command, dir);
    }

    /** The bin directory of the newest PostgreSQL under /usr/lib/postgresql. */
    private static Path binaries() {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(VERSIONS)) {
            try (Stream<Path> versions = Files.list(VERSIONS)) {
                versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("postgres"))
                                && Files.isExecutable(b.resolve("initdb"))
                                && Files.isExecutable(b.resolve("pg_ctl")))
                        .forEach(found::add);
            } catch (IOException e) {
                // reported below
            }
        }
        return found.stream()
                .max(Comparator.comparingInt(PostgresServer::version))
                .orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed: no "
                        + VERSIONS + "/<version>/bin/{initdb,pg_ctl,postgres}. These tests run a real server: install"
                        + " the Debian package postgresql (apt-get install -y postgresql), as ./run-tests.sh does"));
    }

    private static int version(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
