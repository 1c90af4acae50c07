package io.stylecast.cli;

import io.stylecast.cluster.ClusterSecret;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stylecast cluster-secret FILE}: makes the secret every node of one cluster is given. */
@Command(name = "cluster-secret", mixinStandardHelpOptions = true,
        description = {"Makes a cluster's secret: a key and certificate in FILE (PKCS#12, readable by you alone).",
            "Give every node of the cluster a copy (--cluster-secret FILE or cluster.secretFile): nodes talk only over TLS",
            "with that key, so a machine without the file can neither join the cluster nor send or read anything of it."})
final class ClusterSecretCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "Where to write it; an existing file is never overwritten.")
    Path file;

    @Override
    public Integer call() throws Exception {
        try {
            ClusterSecret secret = ClusterSecret.create(file);
            System.out.println("wrote the cluster secret " + file + " (fingerprint " + secret.fingerprint() + ")");
            System.out.println("copy it to every node, keep it as private as an SSH key, and start each node with"
                    + " --cluster-secret " + file);
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
    }
}
