package io.stylecast.cli;

import io.stylecast.model.Models;
import io.stylecast.session.Backend;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code stylecast models}: which networks can be used, and why the others cannot. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Lists the networks, loading each to check it: available, or what is missing or broken.")
final class ModelsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Backend.require();
        Models models = Models.fromEnvironment();
        System.out.println("models directory: " + models.directory().toAbsolutePath().normalize());
        for (Models.Status status : models.list()) {
            System.out.printf("%n%-13s %s%n", status.name(), status.available() ? "available" : "NOT AVAILABLE");
            System.out.printf("              %s%n              %s%n", status.summary(), status.detail());
        }
        return 0;
    }
}
