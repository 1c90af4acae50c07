package io.stylecast.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.infinispan.notifications.cachemanagerlistener.event.ViewChangedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The addresses ({@code host:port}) of the members a node was last with, one a line in a file of its own, rewritten
 * at each change of the cluster's membership and read at the node's next start. Member ids are
 * {@code host:port/suffix}, so the address is the id's part before the slash.
 */
final class MemberMemory {

    private static final Logger LOG = LoggerFactory.getLogger(MemberMemory.class);

    private final Path file;
    private final String self;

    MemberMemory(Path file, String self) {
        this.file = file;
        this.self = self;
    }

    /** The addresses remembered, or none when there is no file (or it cannot be read). */
    static List<String> read(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? Files.readAllLines(file).stream().map(String::trim).filter(line -> line.matches(".+:\\d{1,5}")).toList()
                    : List.of();
        } catch (IOException e) {
            LOG.warn("cannot read the cluster's members remembered in {}: {}", file, e.getMessage());
            return List.of();
        }
    }

    /** Keeps the addresses of the members of the cluster's new view, all but this node. */
    void remember(ViewChangedEvent event) {
        List<String> others = event.getNewMembers().stream().map(Object::toString).filter(id -> !id.equals(self))
                .map(id -> id.contains("/") ? id.substring(0, id.lastIndexOf('/')) : id).distinct().toList();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.write(next, others);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot remember the cluster's members in {}: {}", file, e.getMessage());
        }
    }
}
