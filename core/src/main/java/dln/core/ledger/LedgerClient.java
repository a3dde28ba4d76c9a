package dln.core.ledger;

import dln.api.LedgerEvents;
import dln.api.LedgerException;
import dln.api.LedgerFailure;
import dln.api.LedgerTransport;
import dln.api.Tx;
import dln.api.view.LedgerIdentity;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * One identity's connection to the dln chaincode through its organisation's peer gateway.
 * Transactions are addressed by {@link Tx}; failures become {@link LedgerException}s naming the
 * broken rule.
 */
public final class LedgerClient implements LedgerTransport {

    private final ManagedChannel channel;
    private final Gateway gateway;
    private final Network network;
    private final String chaincode;
    private final ConnectionProfile.ResolvedIdentity identity;
    private final X509Certificate certificate;
    private final LedgerIdentity self;
    private final Object watchLock = new Object();
    private LedgerWatch watch;

    private LedgerClient(final ManagedChannel channel, final Gateway gateway, final Network network, final String chaincode,
            final ConnectionProfile.ResolvedIdentity identity, final X509Certificate certificate) {
        this.channel = channel;
        this.gateway = gateway;
        this.network = network;
        this.chaincode = chaincode;
        this.identity = identity;
        this.certificate = certificate;
        this.self = LedgerIdentity.of(identity.organization().mspId(), certificate);
    }

    /**
     * Connects as {@code identity} ("org1/User1") through that organisation's peer.
     *
     * @throws LedgerException UNKNOWN_IDENTITY, or NETWORK_NOT_RUNNING when the peer cannot be reached
     */
    public static LedgerClient connect(final ConnectionProfile profile, final String identity) {
        return connect(profile, identity, profile.resolve(identity).organization().peer());
    }

    /**
     * Connects as {@code identity} through {@code peer}, which may be another organisation's: any
     * member of the channel may use any peer's gateway.
     */
    public static LedgerClient connect(final ConnectionProfile profile, final String identity, final ConnectionProfile.Endpoint peer) {
        final ConnectionProfile.ResolvedIdentity id = profile.resolve(identity);
        final X509Certificate cert;
        final PrivateKey key;
        try {
            cert = readCertificate(Path.of(id.files().certFile()));
            try (Reader r = Files.newBufferedReader(Path.of(id.files().keyFile()), StandardCharsets.UTF_8)) {
                key = Identities.readPrivateKey(r);
            }
        } catch (IOException | CertificateException | InvalidKeyException e) {
            throw new LedgerException(LedgerFailure.UNKNOWN_IDENTITY, "cannot read the key files of " + identity + ": " + e.getMessage(), e);
        }
        if (!keyMatches(key, cert)) {
            // The peers would only say "access denied"; say which files do not go together.
            throw new LedgerException(LedgerFailure.UNKNOWN_IDENTITY, "the private key " + id.files().keyFile() + " does not belong to the certificate "
                    + id.files().certFile() + "; give the key that was enrolled with it");
        }
        final ManagedChannel ch;
        try {
            ch = NettyChannelBuilder.forTarget(peer.endpoint())
                    .sslContext(GrpcSslContexts.forClient().trustManager(Path.of(peer.tlsCaFile()).toFile()).build())
                    .build();
        } catch (IOException | IllegalArgumentException e) {
            throw new LedgerException(LedgerFailure.PROFILE_INVALID, "cannot use the TLS CA of " + peer.name() + ": " + e.getMessage(), e);
        }
        final Gateway gw = Gateway.newInstance()
                .identity(new X509Identity(id.organization().mspId(), cert))
                .signer(Signers.newPrivateKeySigner(key))
                .hash(Hash.SHA256)
                .connection(ch)
                .evaluateOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                .endorseOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                .submitOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                // Blocks are cut within seconds; a transaction not committed after 20 s was lost by
                // an orderer that died with it (a Raft leader change), and waiting 60 s for it used
                // up the whole outage budget in one attempt (NetworkRecoveryIT, measured): give the
                // retry its turn. The chaincode refuses a retried call that did commit as a duplicate.
                .commitStatusOptions(o -> o.withDeadlineAfter(20, TimeUnit.SECONDS))
                .connect();
        return new LedgerClient(ch, gw, gw.getNetwork(profile.channel()), profile.chaincode(), id, cert);
    }

    private static boolean keyMatches(final PrivateKey key, final X509Certificate cert) {
        try {
            final String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
            final java.security.Signature signer = java.security.Signature.getInstance(algorithm);
            final byte[] probe = "dln key check".getBytes(StandardCharsets.UTF_8);
            signer.initSign(key);
            signer.update(probe);
            final byte[] signature = signer.sign();
            final java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    /** Reads a PEM X.509 certificate file. */
    public static X509Certificate readCertificate(final Path pem) throws IOException, CertificateException {
        try (Reader r = Files.newBufferedReader(pem, StandardCharsets.UTF_8)) {
            return Identities.readX509Certificate(r);
        }
    }

    /** The profile entry this client signs as. */
    public ConnectionProfile.ResolvedIdentity profileIdentity() {
        return identity;
    }

    /** This identity's enrolment certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Endorses, orders and waits for the commit of {@code tx}; returns its result bytes. One
     * attempt: {@link FailoverTransport} repeats what may succeed when proposed again.
     */
    @Override
    public byte[] submit(final Tx tx, final String... args) {
        return submitOnce(tx, args);
    }

    private byte[] submitOnce(final Tx tx, final String... args) {
        final String name = tx.qualified();
        try {
            return contractOf(tx).submitTransaction(tx.txName(), args);
        } catch (EndorseException e) {
            throw notRunHere(ChaincodeErrors.translate(name, e));
        } catch (SubmitException | CommitStatusException e) {
            throw ChaincodeErrors.translate(name, e);
        } catch (CommitException e) {
            throw new LedgerException(LedgerFailure.TX_INVALIDATED, name + " was ordered but not committed: " + e.getCode()
                    + " (a conflicting transaction won; retry it)", e);
        } catch (RuntimeException e) {
            throw unavailable(name, e);
        }
    }

    /** Evaluates the query {@code contract:tx} on one peer; nothing is written. */
    @Override
    public byte[] evaluate(final Tx tx, final String... args) {
        final String name = tx.qualified();
        try {
            return contractOf(tx).evaluateTransaction(tx.txName(), args);
        } catch (GatewayException e) {
            throw notRunHere(ChaincodeErrors.translate(name, e));
        } catch (RuntimeException e) {
            throw unavailable(name, e);
        }
    }

    /**
     * Calls any name with any bytes, as a hostile client could: {@code function} is passed as is
     * ("contract:Name", or a name the chaincode does not publish), so the abuse bench can check the
     * chaincode's refusals on the real network. A query is evaluated, anything else submitted.
     */
    public byte[] callRaw(final String function, final boolean evaluate, final byte[]... args) {
        final Contract any = network.getContract(chaincode);
        try {
            final var proposal = any.newProposal(function).addArguments(args).build();
            return evaluate ? proposal.evaluate() : proposal.endorse().submit();
        } catch (GatewayException e) {
            throw ChaincodeErrors.translate(function, e);
        } catch (CommitException e) {
            throw new LedgerException(LedgerFailure.TX_INVALIDATED, function + " was ordered but not committed: " + e.getCode(), e);
        } catch (RuntimeException e) {
            throw unavailable(function, e);
        }
    }

    /** Same as {@link #evaluate} with the result as UTF-8 text. */
    public String evaluateString(final Tx tx, final String... args) {
        return new String(evaluate(tx, args), StandardCharsets.UTF_8);
    }

    @Override
    public LedgerIdentity identity() {
        return self;
    }

    /** This client's event stream as a wake-up counter, started on first use and closed with the client. */
    @Override
    public LedgerEvents events() {
        synchronized (watchLock) {
            if (watch == null) {
                watch = LedgerWatch.start(this);
            }
            return watch;
        }
    }

    /** The chaincode's events from the next block to commit on, as a blocking iterator; close it to stop listening. */
    public CloseableIterator<ChaincodeEvent> eventStream() {
        return network.newChaincodeEventsRequest(chaincode).build().getEvents();
    }

    /**
     * The chaincode's events from {@code startBlock} on (inclusive), as a blocking iterator;
     * close it to stop listening.
     */
    public CloseableIterator<ChaincodeEvent> events(final long startBlock) {
        return network.newChaincodeEventsRequest(chaincode).startBlock(startBlock).build().getEvents();
    }

    /**
     * The chaincode's events after the position saved in {@code checkpoint} (or from
     * {@code startBlock} when it holds none), so a restarted listener resumes where it stopped;
     * call {@code checkpoint.checkpointChaincodeEvent(e)} once an event is handled.
     */
    public CloseableIterator<ChaincodeEvent> events(final org.hyperledger.fabric.client.Checkpointer checkpoint, final long startBlock) {
        return network.newChaincodeEventsRequest(chaincode).startBlock(startBlock).checkpoint(checkpoint).build().getEvents();
    }

    private Contract contractOf(final Tx tx) {
        return network.getContract(chaincode, tx.contract().wire());
    }

    /**
     * A failure of an evaluation or an endorsement that is no refusal of the chaincode: nothing was
     * ordered, so proposing it again, to another peer, is safe. Seen in `./dln bench chaos`: while a
     * restarted peer re-registers with the chaincode server, another peer's query failed with
     * "channel closed", which used to end the session.
     */
    private static LedgerException notRunHere(final LedgerException e) {
        if (!e.is(LedgerFailure.LEDGER_ERROR)) {
            return e;
        }
        return new LedgerException(LedgerFailure.LEDGER_UNAVAILABLE, e.getMessage() + " (the peer could not run it; nothing was ordered)", e);
    }

    private static LedgerException unavailable(final String name, final RuntimeException e) {
        if (e instanceof io.grpc.StatusRuntimeException s
                && (s.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE)) {
            return new LedgerException(LedgerFailure.NETWORK_NOT_RUNNING, name + ": the peer is unreachable; start the network with network/network.sh up", e);
        }
        if (e instanceof LedgerException le) {
            return le;
        }
        return new LedgerException(LedgerFailure.LEDGER_ERROR, name + " failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        synchronized (watchLock) {
            if (watch != null) {
                watch.close();
            }
        }
        gateway.close();
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
