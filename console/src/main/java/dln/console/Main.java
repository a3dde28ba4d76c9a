package dln.console;

import dln.cli.ClientOptions;
import dln.cli.ExitCodes;
import dln.core.ledger.ConnectionProfile;
import dln.core.ledger.FabricLedger;
import dln.api.DlnLedger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `./dln console`: a read-only live view of the ledger in a browser, as one member sees it. */
@Command(name = "dln console", mixinStandardHelpOptions = true,
        description = {"A read-only web console on the ledger: models, rounds and gossip steps, updates with their scores and reasons, "
                + "the DAG, identities and timing, updated live when a block commits. It reads as one member's identity and writes nothing."},
        footer = {"", "The port and address default to CONSOLE_PORT and CONSOLE_BIND of network/network.conf.", "", "Example:",
                "  ./dln console                      # then open http://127.0.0.1:7500/",
                "  ./dln console --port 7600 --identity org2/User3"})
public final class Main implements Callable<Integer> {

    @Mixin
    ClientOptions client;

    @Option(names = "--port", paramLabel = "N", defaultValue = "${env:CONSOLE_PORT:-7500}",
            description = "port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "${env:CONSOLE_BIND:-127.0.0.1}",
            description = "address to listen on (default: ${DEFAULT-VALUE}, this machine only)")
    String bind;

    public static void main(final String[] args) {
        System.exit(ExitCodes.run(new Main(), args));
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port " + port + ": a port is 0..65535");
        }
        final InetAddress address = address(bind);
        final ConnectionProfile profile = client.profile();
        final String who = client.identityOr(profile.roles().publisher());
        final DlnLedger ledger = FabricLedger.connect(profile, who);
        final ConsoleServer server;
        try {
            server = ConsoleServer.start(ledger, address.getHostAddress(), port);
        } catch (RuntimeException e) {
            ledger.close();
            if (causedByBind(e)) {
                throw new IllegalArgumentException("cannot listen on " + bind + ":" + port + " (in use, or not an address of this machine); "
                        + "choose another with --port or CONSOLE_PORT");
            }
            throw e;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            ledger.close();
            stopped.countDown();
        }, "console-stop"));
        final String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        System.out.println("dln console: http://" + host + ":" + server.port() + "/  (read-only, reading the ledger as " + who
                + "; Ctrl-C stops it)");
        if (!address.isLoopbackAddress()) {
            System.out.println("note: listening on " + bind + ": anyone who reaches this port reads the ledger as " + who);
        }
        stopped.await();
        return ExitCodes.OK;
    }

    private static InetAddress address(final String bind) {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind " + bind + ": not an address or a known host name");
        }
    }

    private static boolean causedByBind(final Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException || t.getClass().getSimpleName().contains("Bind")) {
                return true;
            }
        }
        return false;
    }
}
