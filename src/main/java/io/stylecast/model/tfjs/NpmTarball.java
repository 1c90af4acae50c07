package io.stylecast.model.tfjs;

import io.stylecast.model.ModelException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Reads files out of an npm package tarball ({@code npm pack}'s {@code .tgz}) without unpacking it. */
final class NpmTarball {

    private NpmTarball() {
    }

    /**
     * @param wanted which entry names (such as {@code package/dist/models/x.js}) to read
     * @return the wanted entries' contents by name
     * @throws ModelException if the file is missing or not a gzipped tar
     */
    static Map<String, byte[]> read(Path tarball, Predicate<String> wanted) {
        if (!Files.isRegularFile(tarball)) {
            throw new ModelException("npm package not found: " + tarball);
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(tarball));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile() && wanted.test(entry.getName())) {
                    files.put(entry.getName(), tar.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new ModelException(tarball + " is not a readable npm package (.tgz): " + e.getMessage(), e);
        }
        return files;
    }
}
