package dev.simpleftp.server;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.simpleftp.server.account.Account;
import dev.simpleftp.server.account.Accounts;
import dev.simpleftp.transport.Tls;

/**
 * The part of the server's start-up line that says whether TLS and logins are on, so that whoever
 * starts it sees at once whether the TLS settings (tls.yml) were read.
 */
final class SecuritySummary {

	private SecuritySummary() {
	}

	/** "TLS on (TLSv1.3, TLSv1.2)" or "TLS off". */
	static String tls(Tls tls) {
		return (tls == null) ? "TLS off" : "TLS on (" + String.join(", ", tls.protocols()) + ")";
	}

	/** "logins on (2 accounts: 1 read-write, 1 upload-only)" or "logins off (…)". */
	static String logins(Accounts accounts) {
		List<Account> all = accounts.all();
		if (all.isEmpty()) {
			return "logins off (no ftp.server.users: anyone who can connect may use the server)";
		}
		Map<String, Long> modes = all.stream()
			.collect(Collectors.groupingBy(account -> account.access().label(), TreeMap::new, Collectors.counting()));
		return "logins on (" + all.size() + ((all.size() == 1) ? " account: " : " accounts: ") + modes.entrySet()
			.stream()
			.map(mode -> mode.getValue() + " " + mode.getKey())
			.collect(Collectors.joining(", ")) + ")";
	}

}
