package lawgraph;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.io.ByteUnit;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;

import sun.misc.Signal;

/**
 * A throwaway Neo4j 5 Community DBMS for tests: Bolt on 127.0.0.1:PORT only, auth on,
 * user "neo4j" with the given password (no forced change), data under DIR.
 *
 * <pre>java -Xms64m -Xmx512m -XX:+UseSerialGC -jar target/neo4j-server.jar --port P --password PW --dir DIR
 *      [--pagecache 128m] [--ignore-stdin]</pre>
 *
 * The jar's manifest carries the class path (lib/*.jar) and the --add-opens Neo4j wants; with
 * a plain -cp launch add them by hand (see README.md).
 *
 * Prints exactly one line "NEO4J READY bolt://127.0.0.1:P" on stdout once Bolt answers a
 * handshake, then runs until stdin reaches EOF (unless --ignore-stdin) or SIGTERM/SIGINT,
 * shuts the DBMS down cleanly and exits 0. Exit 1 on a start failure, 2 on bad arguments.
 */
public final class Neo4jServer {
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) throws Exception {
        // Keep stdout for the READY line only; everything else goes to stderr.
        PrintStream out = System.out;
        System.setOut(System.err);

        int port = -1;
        String password = null;
        Path dir = null;
        long pagecache = ByteUnit.mebiBytes(128);
        boolean watchStdin = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = (i + 1 < args.length) ? args[i + 1] : null;
            switch (a) {
                case "--port": port = Integer.parseInt(need(a, v)); i++; break;
                case "--password": password = need(a, v); i++; break;
                case "--dir": dir = Path.of(need(a, v)).toAbsolutePath(); i++; break;
                case "--pagecache": pagecache = ByteUnit.parse(need(a, v)); i++; break;
                case "--ignore-stdin": watchStdin = false; break;
                default: usage("unknown argument: " + a);
            }
        }
        if (port <= 0 || port > 65535 || password == null || password.isEmpty() || dir == null) {
            usage("--port, --password and --dir are required");
        }

        CountDownLatch stop = new CountDownLatch(1);
        // SIGTERM/SIGINT: replace the JVM's default handling (exit 143/130) by a clean stop and exit 0.
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        if (watchStdin) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[256];
                try {
                    InputStream in = System.in;
                    while (in.read(buf) != -1) {
                        // ignore input; only EOF matters
                    }
                } catch (IOException ignored) {
                    // a broken stdin counts as closed
                }
                stop.countDown();
            }, "stdin-eof-watcher");
            t.setDaemon(true);
            t.start();
        }

        Files.createDirectories(dir);
        SocketAddress bolt = new SocketAddress(HOST, port);
        Map<Setting<?>, Object> settings = new HashMap<>();
        settings.put(GraphDatabaseSettings.default_listen_address, new SocketAddress(HOST));
        settings.put(GraphDatabaseSettings.default_advertised_address, new SocketAddress(HOST));
        settings.put(BoltConnector.enabled, true);
        settings.put(BoltConnector.listen_address, bolt);
        settings.put(BoltConnector.advertised_address, bolt); // what neo4j:// routing tables hand out
        settings.put(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED);
        settings.put(GraphDatabaseSettings.auth_enabled, true);
        settings.put(GraphDatabaseSettings.auth_minimum_password_length, 1);
        settings.put(GraphDatabaseSettings.auth_max_failed_attempts, 0); // wrong-password tests never lock the user
        settings.put(GraphDatabaseSettings.pagecache_memory, pagecache);
        settings.put(GraphDatabaseSettings.udc_enabled, false); // no usage reports over the network
        settings.put(GraphDatabaseSettings.preallocate_logical_logs, false); // no 256 MiB log files
        settings.put(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0); // else Bolt stop takes 5 s
        settings.put(GraphDatabaseSettings.initial_default_database, GraphDatabaseSettings.DEFAULT_DATABASE_NAME);

        boolean fresh = !Files.exists(dir.resolve("data").resolve("databases").resolve("system"));
        if (fresh) {
            writeInitialPassword(dir, settings, password);
        } else {
            System.err.println("neo4j-server: " + dir + " already holds a DBMS; its existing users and passwords are kept");
        }

        long t0 = System.nanoTime();
        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(dir).setConfig(settings).build();
        } catch (Throwable e) {
            System.err.println("neo4j-server: failed to start: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }
        Object lock = new Object();
        boolean[] down = {false};
        Runnable shutdown = () -> {
            synchronized (lock) {
                if (!down[0]) {
                    down[0] = true;
                    dbms.shutdown();
                }
            }
        };
        // Safety net for other ways the JVM is asked to exit (SIGHUP, System.exit elsewhere).
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "neo4j-shutdown-hook"));

        if (!boltAnswers(port, 60_000)) {
            System.err.println("neo4j-server: Bolt did not answer on " + HOST + ":" + port);
            shutdown.run();
            System.exit(1);
        }
        System.err.printf("neo4j-server: started in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        out.println("NEO4J READY bolt://" + HOST + ":" + port);
        out.flush();

        stop.await();
        System.err.println("neo4j-server: stopping");
        shutdown.run();
        System.err.println("neo4j-server: stopped");
        System.exit(0);
    }

    /**
     * What `neo4j-admin dbms set-initial-password PW` does: write data/dbms/auth.ini, which the
     * DBMS reads when it creates the system database on its first start (user neo4j, no change required).
     */
    private static void writeInitialPassword(Path home, Map<Setting<?>, Object> settings, String password)
            throws Exception {
        Config config = Config.newBuilder()
                .set(settings)
                .set(GraphDatabaseSettings.neo4j_home, home)
                .build();
        Path file = CommunitySecurityModule.getInitialUserRepositoryFile(config);
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try (DefaultFileSystemAbstraction fs = new DefaultFileSystemAbstraction()) {
            FileUserRepository repo =
                    new FileUserRepository(fs, file, NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
            repo.start();
            repo.create(new User(
                    "neo4j",
                    null,
                    SystemGraphCredential.createCredentialForPassword(
                            password.getBytes(StandardCharsets.UTF_8), new SecureHasher()),
                    false,
                    false));
            repo.shutdown();
        }
    }

    /** True once a Bolt handshake on HOST:port gets a version back. */
    private static boolean boltAnswers(int port, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        byte[] hello = {
            (byte) 0x60, (byte) 0x60, (byte) 0xB0, (byte) 0x17, // magic preamble
            0, 8, 8, 5, // 5.8 down to 5.0
            0, 0, 4, 4, // 4.4
            0, 0, 0, 4, // 4.0
            0, 0, 0, 3, // 3
        };
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 1000);
                s.setSoTimeout(2000);
                OutputStream o = s.getOutputStream();
                o.write(hello);
                o.flush();
                byte[] answer = s.getInputStream().readNBytes(4);
                if (answer.length == 4 && (answer[2] != 0 || answer[3] != 0)) {
                    return true;
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static String need(String flag, String value) {
        if (value == null) {
            usage(flag + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println("neo4j-server: " + problem);
        System.err.println("usage: java -Xms64m -Xmx512m -XX:+UseSerialGC -jar neo4j-server.jar"
                + " --port P --password PW --dir DIR"
                + " [--pagecache 128m] [--ignore-stdin]");
        System.exit(2);
    }

    private Neo4jServer() {}
}
