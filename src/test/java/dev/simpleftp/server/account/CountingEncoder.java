package dev.simpleftp.server.account;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** bcrypt of cost 4, remembering each hash it was asked to check a password against. */
final class CountingEncoder implements PasswordEncoder {

	private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);

	final List<String> checkedHashes = new CopyOnWriteArrayList<>();

	@Override
	public String encode(CharSequence rawPassword) {
		return this.bcrypt.encode(rawPassword);
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		this.checkedHashes.add(encodedPassword);
		return this.bcrypt.matches(rawPassword, encodedPassword);
	}

}
