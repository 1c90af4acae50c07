package io.stylecast.cluster;

import io.vertx.core.net.PfxOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The cluster's secret ({@code cluster.secretFile}): a PKCS#12 file holding one EC key pair and its self-signed
 * certificate, the same file on every node. Nodes talk to each other only over TLS on which both ends show that
 * certificate and trust nothing else: JGroups' connections (membership, and the caches Vert.x keeps in Infinispan)
 * and the event bus (sessions, frames, controls, announcements). A program without the file, or with another
 * cluster's, cannot finish a handshake with any node, so it can neither join, nor send a message a node acts on,
 * nor read one. The file is protected as an SSH key is, by its permissions; its password is fixed.
 */
public final class ClusterSecret {

    /** The file's password: what protects the key is who can read the file. */
    static final String PASSWORD = "stylecast";
    private static final String ALIAS = "stylecast-cluster";

    private final Path file;
    private final String fingerprint;

    private ClusterSecret(Path file, String fingerprint) {
        this.file = file;
        this.fingerprint = fingerprint;
    }

    /** What an operator is told to do when a cluster has no secret yet. */
    public static String howToMakeOne() {
        return "make one with `bin/stylecast cluster-secret conf/cluster-secret.p12`, copy that file to every node"
                + " (keep it as private as an SSH key) and give it with --cluster-secret FILE or cluster.secretFile";
    }

    /**
     * Reads and checks the secret.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static ClusterSecret load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the cluster secret " + file + " is not there: " + howToMakeOne());
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            List<String> keys = Collections.list(store.aliases()).stream().filter(alias -> isKey(store, alias)).toList();
            if (keys.size() != 1) {
                throw new IllegalArgumentException("the cluster secret " + file + " must hold one key, it holds " + keys.size()
                        + ": " + howToMakeOne());
            }
            Certificate certificate = store.getCertificate(keys.get(0));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return new ClusterSecret(file.toAbsolutePath(), HexFormat.of().formatHex(digest, 0, 8));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the cluster secret " + file + " cannot be read as one (" + e.getMessage()
                    + "): " + howToMakeOne(), e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Makes a new secret with the JDK's {@code keytool}: an EC P-256 key and a certificate valid for 100 years,
     * readable by its owner only.
     *
     * @throws IllegalArgumentException if the file exists (a cluster's secret is never overwritten by accident)
     * @throws IOException if keytool fails
     */
    public static ClusterSecret create(Path file) throws IOException, InterruptedException {
        if (Files.exists(file)) {
            throw new IllegalArgumentException(file + " exists already; remove it first to make another secret"
                    + " (every node then needs the new one)");
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
                "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=stylecast cluster",
                "-validity", "36500", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool could not make the key: " + output.trim());
        }
        try {
            Files.setPosixFilePermissions(file, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        } catch (UnsupportedOperationException e) {
            // a file system without POSIX permissions: the operator protects the file
        }
        return load(file);
    }

    /** Whether others than the file's owner can read it, which they should not. */
    public boolean readableByOthers() {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    public Path file() {
        return file;
    }

    /** The first 8 bytes of the certificate's SHA-256, in hex: the same on every node of one cluster. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The key and the one certificate trusted, for the event bus's TLS. */
    public PfxOptions pfx() {
        return new PfxOptions().setPath(file.toString()).setPassword(PASSWORD);
    }
}
