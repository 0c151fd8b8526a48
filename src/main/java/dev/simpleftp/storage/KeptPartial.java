package dev.simpleftp.storage;

import java.util.Optional;

/**
 * A partial file an interrupted transfer left to resume from, as {@link FileStore#keptPartials()}
 * finds it.
 * @param name the file it is part of, if its info names it and the name gives the partial's own
 * name (always so for the partials of a store whose transfers have no owner, such as a client's)
 * @param held the bytes it holds
 * @param size the size of the whole file, or -1 if its info is missing or torn
 */
public record KeptPartial(Optional<FileName> name, long held, long size) {
}
