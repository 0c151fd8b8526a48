package dev.simpleftp.server.account;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The unit {@link Accounts} counts failed logins by: an IPv4 address; the /64 an IPv6 address is
 * in, since one host is usually given a whole /64 and can pick any address in it; an IPv4-mapped
 * IPv6 address ({@code ::ffff:192.0.2.7}) as its IPv4 address. A link-local IPv6 address counts on
 * its own: every host on a link shares {@code fe80::/64}.
 *
 * @param network the IPv4 address, or the IPv6 address with all but its first {@code prefixLength} bits zero
 * @param prefixLength 32, 64, or 128 for a link-local address
 */
record AddressGroup(InetAddress network, int prefixLength) {

	static AddressGroup of(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			return new AddressGroup(address, 32);
		}
		if (isIpv4Mapped(bytes)) {
			return new AddressGroup(byAddress(Arrays.copyOfRange(bytes, 12, 16)), 32);
		}
		if (address.isLinkLocalAddress() || address.isLoopbackAddress()) {
			return new AddressGroup(byAddress(bytes), 128);
		}
		Arrays.fill(bytes, 8, 16, (byte) 0);
		return new AddressGroup(byAddress(bytes), 64);
	}

	/** {@code 192.0.2.7}, {@code 2001:db8:0:1::/64}, {@code fe80:0:0:0:1:2:3:4}. */
	@Override
	public String toString() {
		if (this.prefixLength != 64) {
			return this.network.getHostAddress();
		}
		byte[] bytes = this.network.getAddress();
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 8; i += 2) {
			text.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
		}
		return text.append(":/64").toString();
	}

	private static boolean isIpv4Mapped(byte[] bytes) {
		for (int i = 0; i < 10; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
	}

	/** An address of the bytes, without its IPv6 scope, so that one host's addresses compare equal. */
	private static InetAddress byAddress(byte[] bytes) {
		try {
			return (bytes.length == 16) ? Inet6Address.getByAddress(null, bytes, -1) : InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("an address of " + bytes.length + " bytes", ex);
		}
	}

}
