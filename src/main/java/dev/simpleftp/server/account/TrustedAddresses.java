package dev.simpleftp.server.account;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * By user name, the addresses (IPv6 /64s) it has logged in from since the server started, which a
 * hold of its name lets through (see {@link Accounts}): at most {@link #MAX_TRUSTED_ADDRESSES} per
 * user, the latest. Thread-safe.
 */
final class TrustedAddresses {

	/** Addresses remembered per user as ones it has logged in from, which a hold of its name lets through. */
	static final int MAX_TRUSTED_ADDRESSES = 16;

	/** By user name, the addresses it has logged in from, the latest last. Guarded by itself. */
	private final Map<String, LinkedHashSet<AddressGroup>> trusted = new HashMap<>();

	boolean isTrusted(String user, AddressGroup group) {
		synchronized (this.trusted) {
			Set<AddressGroup> groups = this.trusted.get(user);
			return groups != null && groups.contains(group);
		}
	}

	void trust(String user, AddressGroup group) {
		synchronized (this.trusted) {
			LinkedHashSet<AddressGroup> groups = this.trusted.computeIfAbsent(user, key -> new LinkedHashSet<>());
			groups.remove(group); // put back as the latest
			groups.add(group);
			Iterator<AddressGroup> oldest = groups.iterator();
			while (groups.size() > MAX_TRUSTED_ADDRESSES) {
				oldest.next();
				oldest.remove();
			}
		}
	}

}
