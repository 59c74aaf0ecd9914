package dev.switchyard.sinks;

import dev.switchyard.contracts.Contracts;
import dev.switchyard.reactor.ports.Sink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Appends each value to a JSON Lines file ({@code metrics.jsonl}, {@code audit.jsonl}, {@code rejected.jsonl}):
 * one JSON object per line, written by {@link Contracts#toJson}. Safe for several threads.
 *
 * <p>Each line goes to the file in one write of its whole bytes, newline included, with no buffer in between
 * (a buffer would flush at arbitrary byte counts, splitting lines): a process that dies between two values
 * leaves no half line behind, and a line written is in the operating system's hands at once. Replaying
 * thousands of events costs one system call per line and no more; no flush or fsync per line is needed. {@link #close()}
 * forces the file to the disk. A file whose last line a crash cut short gets a line break first, so that
 * only that line is broken. A failure to write (a full disk, a missing permission) will not pass by being
 * retried, so it is an {@link UncheckedIOException} naming the file, not a transient failure.
 */
public final class JsonLinesFile<T> implements Sink<T>, AutoCloseable {
    private static final byte NEWLINE = '\n';

    private final Path file;
    private final FileChannel channel;
    private boolean closed;

    /** Appends to {@code file}, creating it and its parent directories if need be. */
    public JsonLinesFile(Path file) {
        this(file, StandardOpenOption.APPEND);
    }

    /** A new, empty {@code file} (an old one is emptied), with its parent directories created if need be. */
    public static <T> JsonLinesFile<T> replacing(Path file) {
        return new JsonLinesFile<>(file, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private JsonLinesFile(Path file, StandardOpenOption mode) {
        this.file = Objects.requireNonNull(file, "file");
        this.channel = open(file, mode);
    }

    private static FileChannel open(Path file, StandardOpenOption mode) {
        FileChannel channel = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
            if (mode == StandardOpenOption.APPEND) {
                endCutLine(file, channel);
            }
            return channel;
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw failure("cannot open", file, e);
        }
    }

    private static void endCutLine(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            reader.read(last, size - 1);
        }
        if (last.get(0) != NEWLINE) {
            writeFully(channel, ByteBuffer.wrap(new byte[] {NEWLINE}));
        }
    }

    private static void closeQuietly(FileChannel channel, IOException failure) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** The file written to. */
    public Path file() {
        return file;
    }

    @Override
    public void accept(T value) {
        Objects.requireNonNull(value, "value");
        byte[] json = Contracts.toJson(value).getBytes(StandardCharsets.UTF_8);
        ByteBuffer line =
                ByteBuffer.allocate(json.length + 1).put(json).put(NEWLINE).flip();
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException(file + " is closed");
            }
            try {
                writeFully(channel, line);
            } catch (IOException e) {
                throw failure("cannot append to", file, e);
            }
        }
    }

    // A write to a regular file takes all the bytes at once unless the disk is full; the loop is for that
    // rare partial write, which the next call then reports.
    private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Forces what was written to the disk and closes the file; closing again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            channel.force(true);
        } catch (IOException e) {
            throw failure("cannot close", file, e);
        }
    }

    private static UncheckedIOException failure(String what, Path file, IOException e) {
        return new UncheckedIOException(what + " " + file + ": " + e, e);
    }
}
