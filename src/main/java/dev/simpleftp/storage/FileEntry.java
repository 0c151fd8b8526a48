package dev.simpleftp.storage;

import java.time.Instant;

/** One file of a {@link FileStore}, as a listing shows it. */
public record FileEntry(FileName name, long size, Instant modified) {
}
